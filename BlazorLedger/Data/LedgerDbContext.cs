using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using BlazorLedger.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BlazorLedger.Data;

public sealed class LedgerDbContext(DbContextOptions<LedgerDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Book> Books => Set<Book>();
    public DbSet<BookMember> BookMembers => Set<BookMember>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Transaction> Transactions => Set<Transaction>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<TransactionTag> TransactionTags => Set<TransactionTag>();
    public DbSet<TransactionAmendment> TransactionAmendments => Set<TransactionAmendment>();
    public DbSet<AccountDay> AccountDays => Set<AccountDay>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<DailyActivity> DailyActivity => Set<DailyActivity>();
    public DbSet<ImportRule> ImportRules => Set<ImportRule>();
    public DbSet<ImportColumnMapping> ImportColumnMappings => Set<ImportColumnMapping>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportedRow> ImportedRows => Set<ImportedRow>();
    public DbSet<PayeeAccount> PayeeAccounts => Set<PayeeAccount>();
    public DbSet<ExchangeRate> ExchangeRates => Set<ExchangeRate>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<ScheduleLine> ScheduleLines => Set<ScheduleLine>();
    public DbSet<MatchedOccurrence> MatchedOccurrences => Set<MatchedOccurrence>();
    public DbSet<Reconciliation> Reconciliations => Set<Reconciliation>();

    /// <summary>The running instances and their circuit counts (written on PostgreSQL, where several may share the database).</summary>
    public DbSet<AppInstance> Instances => Set<AppInstance>();

    /// <summary>Rate-limit windows shared by every instance (written on PostgreSQL).</summary>
    public DbSet<RateLimitWindow> RateLimitWindows => Set<RateLimitWindow>();

    /// <summary>Data-protection keys, when they are kept in the database (on PostgreSQL, shared by every instance).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>
    /// Identity shapes its tables by the schema version in its options, read from the application's services. Every
    /// context must see the same version, or its model differs from the migrations: this is the one place it is set.
    /// </summary>
    public static void ConfigureIdentitySchema(IdentityOptions options) => options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;

    /// <summary>Options for a context made outside dependency injection (EF tools, test templates).</summary>
    public static DbContextOptions<LedgerDbContext> StandaloneOptions(Action<DbContextOptionsBuilder<LedgerDbContext>> configure)
    {
        var services = new ServiceCollection().Configure<IdentityOptions>(ConfigureIdentitySchema).BuildServiceProvider();
        var builder = new DbContextOptionsBuilder<LedgerDbContext>().UseApplicationServiceProvider(services);
        configure(builder);
        builder.UseLedgerMigrations();
        return builder.Options;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite keeps no kind, so restore it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>A partial index's filter: rows whose <paramref name="column"/> holds a value (the same SQL on both providers).</summary>
    private static string NotNull(string column) => $"\"{column}\" IS NOT NULL";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        SearchText.MapTo(builder, lowerBothSides: Database.IsNpgsql());

        builder.Entity<ApplicationUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(UserLimits.MaxDisplayName);
            user.Property(u => u.Culture).HasMaxLength(16);
        });

        builder.Entity<Book>(book =>
        {
            book.Property(b => b.Name).HasMaxLength(BookLimits.MaxName);
            book.Property(b => b.BaseCurrency).HasMaxLength(3);
            book.Property(b => b.MonthStartDay).HasDefaultValue(1);
        });

        builder.Entity<BookMember>(member =>
        {
            member.HasKey(m => new { m.BookId, m.UserId });
            member.HasIndex(m => m.UserId);
            member.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
            member.HasOne(m => m.Book).WithMany(b => b.Members).HasForeignKey(m => m.BookId).OnDelete(DeleteBehavior.Cascade);
            member.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Account>(account =>
        {
            account.HasIndex(a => new { a.BookId, a.Name }).IsUnique();
            account.Property(a => a.Name).HasMaxLength(AccountLimits.MaxName);
            account.Property(a => a.Code).HasMaxLength(AccountLimits.MaxCode);
            account.Property(a => a.Currency).HasMaxLength(3);
            account.Property(a => a.Type).HasConversion<string>().HasMaxLength(16);
            account.Property(a => a.Version).IsConcurrencyToken();
            account.HasOne<Book>().WithMany().HasForeignKey(a => a.BookId).OnDelete(DeleteBehavior.Restrict);
            // Checked at the end of a statement, not row by row: deleting a whole book's accounts deletes parents and children together.
            account.HasOne<Account>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.NoAction);
            account.Property(a => a.Purpose).HasConversion<string>().HasMaxLength(32);
            // One account per purpose and currency in a book (NULLs, the ordinary accounts, are distinct on both providers).
            account.HasIndex(a => new { a.BookId, a.Purpose, a.Currency }).IsUnique();
        });

        builder.Entity<Transaction>(tx =>
        {
            tx.Property(t => t.Description).HasMaxLength(TransactionLimits.MaxDescription);
            tx.Property(t => t.Payee).HasMaxLength(TransactionLimits.MaxPayee);
            tx.Property(t => t.IdempotencyKey).HasMaxLength(TransactionLimits.MaxIdempotencyKey);
            tx.Property(t => t.RequestHash).HasMaxLength(64);
            // A key is the submitter's own: a co-editor choosing the same key must neither take it nor see what it posted.
            tx.HasIndex(t => new { t.BookId, t.CreatedById, t.IdempotencyKey }).IsUnique();
            tx.HasIndex(t => new { t.BookId, t.Number }).IsUnique();
            tx.HasIndex(t => new { t.BookId, t.Date, t.Number });
            // A book's payees are one range of it, and the last transaction with a payee one seek. Indexes on columns most
            // transactions leave empty hold only the rows that have a value (every lookup names one): a post without a payee,
            // reversal, correction or import writes no page of them, which on SQLite is a fifth of what a post writes.
            tx.HasIndex(t => new { t.BookId, t.Payee, t.Date, t.Number }).HasFilter(NotNull(nameof(Transaction.Payee)));
            // At most one reversal per transaction: voiding twice is impossible even under a race.
            tx.HasIndex(t => t.ReversesId).IsUnique().HasFilter(NotNull(nameof(Transaction.ReversesId)));
            tx.HasIndex(t => t.ImportBatchId).HasFilter(NotNull(nameof(Transaction.ImportBatchId)));
            tx.HasOne<ImportBatch>().WithMany().HasForeignKey(t => t.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
            tx.HasOne<Book>().WithMany().HasForeignKey(t => t.BookId).OnDelete(DeleteBehavior.Restrict);
            tx.HasOne<Transaction>().WithOne().HasForeignKey<Transaction>(t => t.ReversesId).OnDelete(DeleteBehavior.Restrict);
            // At most one replacement per transaction: correcting twice is impossible even under a race.
            tx.HasIndex(t => t.CorrectsId).IsUnique().HasFilter(NotNull(nameof(Transaction.CorrectsId)));
            tx.HasOne<Transaction>().WithOne().HasForeignKey<Transaction>(t => t.CorrectsId).OnDelete(DeleteBehavior.Restrict);
            // Posting's raw INSERTs leave it out: a new transaction starts at 0.
            tx.Property(t => t.Version).IsConcurrencyToken().HasDefaultValue(0L);
            tx.HasMany(t => t.Tags).WithOne().HasForeignKey(g => g.TransactionId).OnDelete(DeleteBehavior.Cascade);
            tx.HasMany(t => t.Postings).WithOne(p => p.Transaction).HasForeignKey(p => p.TransactionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TransactionTag>(tag =>
        {
            tag.HasKey(g => new { g.TransactionId, g.Tag });
            tag.Property(g => g.Tag).HasMaxLength(TransactionLimits.MaxTag);
            // A book's transactions with a tag, and the book's tags, are one index range.
            tag.HasIndex(g => new { g.BookId, g.Tag, g.TransactionId });
        });

        builder.Entity<TransactionAmendment>(amendment =>
        {
            amendment.HasIndex(a => new { a.TransactionId, a.Version }).IsUnique();
            amendment.HasOne<Transaction>().WithMany().HasForeignKey(a => a.TransactionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Attachment>(attachment =>
        {
            attachment.Property(a => a.FileName).HasMaxLength(AttachmentLimits.MaxFileName);
            attachment.Property(a => a.ContentType).HasMaxLength(AttachmentLimits.MaxContentType);
            attachment.Property(a => a.Sha256).HasMaxLength(64);
            // A transaction's attachments are one index range, in the order they were added.
            attachment.HasIndex(a => new { a.BookId, a.TransactionId, a.UploadedAt });
            attachment.HasOne<Transaction>().WithMany().HasForeignKey(a => a.TransactionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Posting>(posting =>
        {
            posting.Property(p => p.Memo).HasMaxLength(TransactionLimits.MaxMemo);
            posting.HasIndex(p => new { p.AccountId, p.Date, p.Id });
            posting.HasIndex(p => p.TransactionId);
            posting.HasOne(p => p.Account).WithMany().HasForeignKey(p => p.AccountId).OnDelete(DeleteBehavior.Restrict);
            // Posting's raw INSERTs leave it out: a new posting starts uncleared.
            posting.Property(p => p.State).HasConversion<string>().HasMaxLength(16).HasDefaultValue(PostingState.Uncleared);
            posting.HasIndex(p => p.ReconciliationId).HasFilter(NotNull(nameof(Posting.ReconciliationId)));
            posting.HasOne<Reconciliation>().WithMany().HasForeignKey(p => p.ReconciliationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Reconciliation>(reconciliation =>
        {
            reconciliation.Property(r => r.ReconciledById).HasMaxLength(450);
            // An account's reconciliations, newest statement first, are one index range.
            reconciliation.HasIndex(r => new { r.AccountId, r.StatementDate });
            reconciliation.HasIndex(r => r.BookId);
            reconciliation.HasOne<Book>().WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Restrict);
            reconciliation.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Restrict);
            reconciliation.HasOne<Transaction>().WithMany().HasForeignKey(r => r.AdjustmentTransactionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AccountDay>(day =>
        {
            day.HasKey(d => new { d.AccountId, d.Date });
            // Covering: a report sums each account's days in a period from one range of this index, without the table.
            day.HasIndex(d => new { d.AccountId, d.Date, d.Amount });
            day.HasOne<Account>().WithMany().HasForeignKey(d => d.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ImportRule>(rule =>
        {
            rule.Property(r => r.Pattern).HasMaxLength(ImportRuleLimits.MaxPattern);
            rule.Property(r => r.Payee).HasMaxLength(TransactionLimits.MaxPayee);
            rule.HasIndex(r => new { r.BookId, r.Position });
            // A book or account that goes takes its rules with it.
            rule.HasOne<Book>().WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Cascade);
            rule.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ImportColumnMapping>(mapping =>
        {
            mapping.HasKey(m => m.AccountId);
            mapping.Property(m => m.Mapping).HasMaxLength(ImportRuleLimits.MaxMapping);
            mapping.HasOne<Account>().WithOne().HasForeignKey<ImportColumnMapping>(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ImportBatch>(batch =>
        {
            batch.Property(b => b.FileName).HasMaxLength(ImportRuleLimits.MaxFileName);
            batch.Property(b => b.Format).HasMaxLength(16);
            batch.HasIndex(b => new { b.BookId, b.CreatedAt });
            batch.HasOne<Book>().WithMany().HasForeignKey(b => b.BookId).OnDelete(DeleteBehavior.Restrict);
            batch.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ImportedRow>(row =>
        {
            // Book-wide: whoever imports a statement, each of its rows is posted once.
            row.HasKey(r => new { r.BookId, r.Fingerprint });
            row.Property(r => r.Fingerprint).HasMaxLength(TransactionLimits.MaxIdempotencyKey);
            row.HasIndex(r => r.BatchId);
            row.HasOne<ImportBatch>().WithMany().HasForeignKey(r => r.BatchId).OnDelete(DeleteBehavior.Restrict);
            row.HasOne<Transaction>().WithMany().HasForeignKey(r => r.TransactionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PayeeAccount>(memory =>
        {
            memory.HasKey(m => new { m.BookId, m.UserId, m.PayeeKey });
            memory.Property(m => m.PayeeKey).HasMaxLength(TransactionLimits.MaxDescription);
            memory.HasOne<Book>().WithMany().HasForeignKey(m => m.BookId).OnDelete(DeleteBehavior.Cascade);
            memory.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            memory.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ExchangeRate>(rate =>
        {
            rate.HasKey(r => new { r.BookId, r.Currency, r.Date });
            rate.Property(r => r.Currency).HasMaxLength(3);
            // Exact on both providers; the invariant text of a decimal reads back to the same decimal.
            rate.Property(r => r.Rate).HasConversion<string>().HasMaxLength(ExchangeRateLimits.MaxText);
            rate.HasOne<Book>().WithMany().HasForeignKey(r => r.BookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Schedule>(schedule =>
        {
            schedule.Property(s => s.Description).HasMaxLength(TransactionLimits.MaxDescription);
            schedule.Property(s => s.Payee).HasMaxLength(TransactionLimits.MaxPayee);
            schedule.Property(s => s.Unit).HasConversion<string>().HasMaxLength(8);
            schedule.Property(s => s.Problem).HasMaxLength(500);
            schedule.Property(s => s.Version).IsConcurrencyToken();
            schedule.HasIndex(s => new { s.BookId, s.StartDate });
            schedule.HasOne<Book>().WithMany().HasForeignKey(s => s.BookId).OnDelete(DeleteBehavior.Cascade);
            schedule.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.CreatedById).OnDelete(DeleteBehavior.Cascade);
            schedule.HasMany(s => s.Lines).WithOne().HasForeignKey(l => l.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ScheduleLine>(line =>
        {
            line.HasKey(l => new { l.ScheduleId, l.Position });
            line.Property(l => l.Memo).HasMaxLength(TransactionLimits.MaxMemo);
            line.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MatchedOccurrence>(matched =>
        {
            // One per occurrence: two imports, or an import and the runner, cannot both stand for it.
            matched.HasKey(m => new { m.ScheduleId, m.Date });
            matched.HasIndex(m => m.ImportBatchId);
            matched.HasIndex(m => m.TransactionId);
            matched.HasIndex(m => m.BookId);
            matched.HasOne<Schedule>().WithMany().HasForeignKey(m => m.ScheduleId).OnDelete(DeleteBehavior.Cascade);
            matched.HasOne<Transaction>().WithMany().HasForeignKey(m => m.TransactionId).OnDelete(DeleteBehavior.Restrict);
            matched.HasOne<ImportBatch>().WithMany().HasForeignKey(m => m.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Invitation>(invitation =>
        {
            invitation.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
            invitation.Property(i => i.Role).HasConversion<string>().HasMaxLength(16);
            invitation.Property(i => i.Email).HasMaxLength(InvitationLimits.MaxEmail);
            invitation.Property(i => i.NormalizedEmail).HasMaxLength(InvitationLimits.MaxEmail);
            invitation.Property(i => i.TokenHash).HasMaxLength(64);
            invitation.HasIndex(i => i.TokenHash).IsUnique();
            invitation.HasIndex(i => new { i.BookId, i.NormalizedEmail });
            invitation.HasOne(i => i.Book).WithMany().HasForeignKey(i => i.BookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboxMessage>(message =>
        {
            message.Property(m => m.To).HasMaxLength(256);
            message.Property(m => m.Subject).HasMaxLength(200);
            message.HasIndex(m => m.CreatedAt);
        });

        builder.Entity<DailyActivity>(activity =>
        {
            activity.HasKey(a => new { a.Day, a.Currency, a.Slot });
            activity.Property(a => a.Currency).HasMaxLength(3);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(ApiTokenLimits.MaxName);
            token.Property(t => t.Scope).HasMaxLength(8);
            token.Property(t => t.TokenHash).HasMaxLength(64);
            token.Property(t => t.Prefix).HasMaxLength(16);
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.UserId);
            token.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
            // A limited token goes with its book: set to null it would reach every book.
            token.HasOne<Book>().WithMany().HasForeignKey(t => t.BookId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AppSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
            setting.Property(s => s.Value).HasMaxLength(1000);
        });

        builder.Entity<RateLimitWindow>(window =>
        {
            window.HasKey(w => w.Partition);
            window.Property(w => w.Partition).HasMaxLength(200);
        });

        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(a => a.Action).HasMaxLength(64);
            audit.Property(a => a.EntityType).HasMaxLength(64);
            audit.Property(a => a.EntityId).HasMaxLength(64);
            audit.Property(a => a.Details).HasMaxLength(4000);
            audit.HasIndex(a => a.At);
            audit.HasIndex(a => new { a.UserId, a.At });
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
