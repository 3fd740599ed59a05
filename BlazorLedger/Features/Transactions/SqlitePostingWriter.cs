using System.Data.Common;
using System.Diagnostics;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// On SQLite, single posts are written through one connection of their own whose statements stay prepared. SQLite runs in
/// the process and lets one writer in at a time, so a post's cost is compiling its statements, not waiting on a server:
/// through a context from the pool every post compiled a dozen statements afresh and bound each of its parameters by name,
/// which was most of its time besides the durable commit. Here each statement is compiled once, when the connection opens,
/// and a post only binds its values and runs them.
/// The connection serves one post (or group of posts) at a time, each in a write transaction of its own that it commits or
/// that is rolled back; it is never shared by concurrent work. If anything fails, the connection is closed and the next post
/// opens a new one. Everything else (voids, batches, reads) goes through the context factory as always.
/// </summary>
internal sealed class SqlitePostingWriter(IDbContextFactory<LedgerDbContext> dbFactory, DataRegistration.SqliteConnectionSettings settings)
    : IAsyncDisposable, IDisposable
{
    /// <summary>The name of the event <see cref="Diagnostics"/> writes at each commit, with the database's connection string.</summary>
    public const string CommittedEvent = "BlazorLedger.Posting.Committed";

    /// <summary>The name of <see cref="Diagnostics"/>, for listeners to know it by (they hear of it while it is being made).</summary>
    public const string DiagnosticsName = "BlazorLedger.Posting";

    /// <summary>Tells listeners of the writer's commits, as EF's diagnostics tell of the commits it makes.</summary>
    public static readonly DiagnosticListener Diagnostics = new(DiagnosticsName);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Statements? statements;
    private bool disposed;

    /// <summary>How many statements this writer has compiled since it started: a post compiles none of its own.</summary>
    public int Compiled { get; private set; }

    /// <summary>Runs <paramref name="work"/>, one post, in a write transaction on the writer's connection, rolled back unless it commits.</summary>
    public Task<T> RunAsync<T>(Func<IPostingSession, Task<T>> work, CancellationToken ct) => RunAsync(work, together: false, ct);

    /// <summary>
    /// As <see cref="RunAsync{T}(Func{IPostingSession, Task{T}}, CancellationToken)"/>, for a group of posts: what they add to
    /// balances, account days and the day's activity is summed and written once per row by
    /// <see cref="IPostingSession.WriteTotalsAsync"/>, before the group commits.
    /// </summary>
    public Task<T> RunGroupAsync<T>(Func<IPostingSession, Task<T>> work, CancellationToken ct) => RunAsync(work, together: true, ct);

    private async Task<T> RunAsync<T>(Func<IPostingSession, Task<T>> work, bool together, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            statements ??= await OpenAsync(ct);
            await using var transaction = statements.Connection.BeginTransaction(deferred: false);
            statements.Enlist(transaction);
            return await work(new Session(statements, transaction, together));
        }
        catch
        {
            // Whatever failed may have left the connection unusable: the next post starts on a new one.
            await CloseAsync();
            throw;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            disposed = true;
            await CloseAsync();
        }
        finally
        {
            gate.Release();
        }
        gate.Dispose();
    }

    public void Dispose()
    {
        gate.Wait();
        try
        {
            disposed = true;
            statements?.Dispose();
            statements = null;
        }
        finally
        {
            gate.Release();
        }
        gate.Dispose();
    }

    private async Task CloseAsync()
    {
        if (statements is not null)
        {
            await statements.DisposeAsync();
            statements = null;
        }
    }

    private async Task<Statements> OpenAsync(CancellationToken ct)
    {
        string connectionString;
        IRelationalTypeMappingSource mappings;
        DbContextOptions<LedgerDbContext> appOptions;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            connectionString = db.Database.GetConnectionString()
                ?? throw new InvalidOperationException("The ledger's SQLite connection string is not set.");
            mappings = db.GetService<IRelationalTypeMappingSource>();
            appOptions = (DbContextOptions<LedgerDbContext>)db.GetService<IDbContextOptions>();
        }
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // What EF does for each connection it opens: the app's settings, and foreign keys enforced.
            settings.Apply(connection);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA foreign_keys = 1;";
                await pragma.ExecuteNonQueryAsync(ct);
            }
            // Replays (a retried idempotency key) load the posted transaction through EF: the app's options, on this connection.
            var contextOptions = new DbContextOptionsBuilder<LedgerDbContext>(appOptions).UseSqlite(connection).Options;
            var prepared = await Statements.PrepareAsync(connection, contextOptions, mappings, ct);
            Compiled += prepared.Count;
            return prepared;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The writer's connection and every statement a post runs, prepared on it.</summary>
    private sealed class Statements : IAsyncDisposable, IDisposable
    {
        /// <summary>Accounts looked up by one statement: a post names two, a split a few more.</summary>
        public const int AccountsAtOnce = 4;

        private readonly List<PreparedCommand> all = [];

        private Statements(SqliteConnection connection, DbContextOptions<LedgerDbContext> contextOptions, IRelationalTypeMappingSource mappings)
        {
            Connection = connection;
            ContextOptions = contextOptions;
            Mappings = mappings;
        }

        public SqliteConnection Connection { get; }
        public DbContextOptions<LedgerDbContext> ContextOptions { get; }
        private IRelationalTypeMappingSource Mappings { get; }
        public int Count => all.Count;

        public PreparedCommand TakeNumber { get; private set; } = default!;
        public PreparedCommand GiveBackNumber { get; private set; } = default!;
        public PreparedCommand Facts { get; private set; } = default!;
        public PreparedCommand Accounts { get; private set; } = default!;
        public PreparedCommand InsertTransaction { get; private set; } = default!;
        public PreparedCommand InsertPosting { get; private set; } = default!;
        public PreparedCommand InsertTag { get; private set; } = default!;
        public PreparedCommand ChangeBalance { get; private set; } = default!;
        public PreparedCommand AddToDay { get; private set; } = default!;
        public PreparedCommand CountActivity { get; private set; } = default!;
        public PreparedCommand InsertAudit { get; private set; } = default!;

        public static async Task<Statements> PrepareAsync(SqliteConnection connection, DbContextOptions<LedgerDbContext> contextOptions,
            IRelationalTypeMappingSource mappings, CancellationToken ct)
        {
            var s = new Statements(connection, contextOptions, mappings);
            try
            {
                // The same statements as PostingStore's, one at a time (see there for why each is as it is).
                s.TakeNumber = await s.AddAsync("""
                    UPDATE "Books" SET "TransactionCount" = "TransactionCount" + 1
                    WHERE "Id" = @p0 AND EXISTS (SELECT 1 FROM "BookMembers" AS m WHERE m."BookId" = @p0 AND m."UserId" = @p1)
                    RETURNING "TransactionCount";
                    """, [typeof(Guid), typeof(string)], ct);
                s.GiveBackNumber = await s.AddAsync("""
                    UPDATE "Books" SET "TransactionCount" = "TransactionCount" - 1 WHERE "Id" = @p0;
                    """, [typeof(Guid)], ct);
                // What a post is checked against, in one statement: the actor's standing (0), the transaction already posted
                // with the key (1) and the first accounts it names (2); further accounts, AccountsAtOnce at a time, by Accounts.
                var slots = string.Join(", ", Enumerable.Range(3, AccountsAtOnce).Select(i => $"@p{i}"));
                s.Facts = await s.AddAsync($"""
                    SELECT 0, m."Role", u."DisplayName", b."ArchivedAt" IS NOT NULL, b."LockDate" FROM "BookMembers" AS m
                    JOIN "AspNetUsers" AS u ON u."Id" = m."UserId" JOIN "Books" AS b ON b."Id" = m."BookId"
                    WHERE m."BookId" = @p0 AND m."UserId" = @p1
                    UNION ALL
                    SELECT 1, "Id", "RequestHash", NULL, NULL FROM "Transactions" WHERE "BookId" = @p0 AND "CreatedById" = @p1 AND "IdempotencyKey" = @p2
                    UNION ALL
                    SELECT 2, "Id", "Name", "Currency", "Archived" FROM "Accounts" WHERE "BookId" = @p0 AND "Id" IN ({slots});
                    """, [typeof(Guid), typeof(string), typeof(string), .. Enumerable.Repeat(typeof(Guid), AccountsAtOnce)], ct);
                s.Accounts = await s.AddAsync($"""
                    SELECT 2, "Id", "Name", "Currency", "Archived" FROM "Accounts" WHERE "BookId" = @p0 AND "Id" IN ({slots});
                    """, [typeof(Guid), typeof(string), typeof(string), .. Enumerable.Repeat(typeof(Guid), AccountsAtOnce)], ct);
                s.InsertTransaction = await s.AddAsync("""
                    INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "Payee", "IdempotencyKey", "RequestHash", "CreatedById", "CreatedAt", "ReversesId")
                    VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10);
                    """, [typeof(Guid), typeof(Guid), typeof(long), typeof(DateOnly), typeof(string), typeof(string), typeof(string), typeof(string),
                    typeof(string), typeof(DateTime), typeof(Guid)], ct);
                s.InsertPosting = await s.AddAsync("""
                    INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount", "Memo") VALUES (@p0, @p1, @p2, @p3, @p4);
                    """, [typeof(Guid), typeof(Guid), typeof(DateOnly), typeof(long), typeof(string)], ct);
                s.InsertTag = await s.AddAsync("""
                    INSERT INTO "TransactionTags" ("TransactionId", "Tag", "BookId") VALUES (@p0, @p1, @p2);
                    """, [typeof(Guid), typeof(string), typeof(Guid)], ct);
                // Changes the balance only if it stays within @p2 and @p3 on its way (see Movement).
                s.ChangeBalance = await s.AddAsync("""
                    UPDATE "Accounts" SET "Balance" = "Balance" + @p0 WHERE "Id" = @p1 AND "Balance" <= @p2 AND "Balance" >= @p3;
                    """, [typeof(long), typeof(Guid), typeof(long), typeof(long)], ct);
                // Adds to the day only if it stays within @p4 and @p5 (a day can leave 64 bits while the balance does not).
                s.AddToDay = await s.AddAsync("""
                    INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount") VALUES (@p0, @p1, @p2, @p3)
                    ON CONFLICT ("AccountId", "Date") DO UPDATE SET "Amount" = "AccountDays"."Amount" + excluded."Amount"
                    WHERE "AccountDays"."Amount" <= @p4 AND "AccountDays"."Amount" >= @p5;
                    """, [typeof(Guid), typeof(DateOnly), typeof(Guid), typeof(long), typeof(long), typeof(long)], ct);
                s.CountActivity = await s.AddAsync($"""
                    INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume") VALUES (@p0, @p1, @p2, @p3, @p4)
                    ON CONFLICT ("Day", "Currency", "Slot") DO UPDATE SET "Transactions" = "DailyActivity"."Transactions" + excluded."Transactions",
                    {DailyActivity.AddVolumeSql};
                    """, [typeof(DateOnly), typeof(string), typeof(int), typeof(long), typeof(long)], ct);
                s.InsertAudit = await s.AddAsync("""
                    INSERT INTO "AuditEvents" ("At", "UserId", "BookId", "Action", "EntityType", "EntityId", "Details") VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6);
                    """, [typeof(DateTime), typeof(string), typeof(Guid), typeof(string), typeof(string), typeof(string), typeof(string)], ct);
                return s;
            }
            catch
            {
                await s.DisposeAsync();
                throw;
            }
        }

        private async Task<PreparedCommand> AddAsync(string sql, Type[] parameterTypes, CancellationToken ct)
        {
            var command = await PreparedCommand.CreateAsync(Connection, Mappings, sql, parameterTypes, ct);
            all.Add(command);
            return command;
        }

        public void Enlist(DbTransaction transaction)
        {
            foreach (var command in all)
            {
                command.Transaction = transaction;
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in all)
            {
                await command.DisposeAsync();
            }
            await Connection.DisposeAsync();
        }

        public void Dispose()
        {
            foreach (var command in all)
            {
                command.Dispose();
            }
            Connection.Dispose();
        }
    }

    /// <summary>
    /// What posts add to one account's balance: the total, and the highest and lowest the running total reaches on the way
    /// (from 0, before the first). A balance b takes the posts one after another within 64 bits exactly when b + Highest and
    /// b + Lowest both fit, so one guarded update checks a group of posts as their updates one by one would.
    /// </summary>
    private readonly record struct Movement(long Total, long Highest, long Lowest)
    {
        public Movement Then(long delta)
        {
            var total = checked(Total + delta);
            return new(total, Math.Max(Highest, total), Math.Min(Lowest, total));
        }
    }

    /// <summary>
    /// A write transaction on the writer's connection. Balances, account days and the day's activity are summed per row as
    /// posts are written, and written by <see cref="WriteTotalsAsync"/>: at once for one post, before the commit for a group.
    /// </summary>
    private sealed class Session(Statements statements, SqliteTransaction transaction, bool together) : IPostingSession
    {
        private readonly Dictionary<Guid, Movement> balances = [];
        private readonly Dictionary<(Guid Account, DateOnly Date, Guid Book), long> days = [];
        private readonly Dictionary<(DateOnly Day, string Currency, int Slot), (long Transactions, long Volume)> activity = [];

        public async Task<PostingContext> ReadAsync(string userId, Guid bookId, string? idempotencyKey, IEnumerable<Guid> accountIds,
            CancellationToken ct)
        {
            // Outsiders neither count nor lock: only a member's post touches the book row.
            var number = (long?)await statements.TakeNumber.ScalarAsync(ct, bookId, userId);

            BookStanding? standing = null;
            var actorName = "";
            (Guid, string?)? existing = null;
            var accounts = new Dictionary<Guid, AccountForPosting>();
            var ids = accountIds.Distinct().ToList();
            for (var first = 0; first == 0 || first < ids.Count; first += Statements.AccountsAtOnce)
            {
                var values = new object?[3 + Statements.AccountsAtOnce];
                (values[0], values[1], values[2]) = (bookId, userId, idempotencyKey);
                for (var i = 0; i < Statements.AccountsAtOnce && first + i < ids.Count; i++)
                {
                    values[3 + i] = ids[first + i];
                }
                await using var reader = await (first == 0 ? statements.Facts : statements.Accounts).ReadAsync(ct, values);
                while (await reader.ReadAsync(ct))
                {
                    switch (reader.GetInt32(0))
                    {
                        case 0:
                            standing = new BookStanding(Enum.Parse<BookRole>(reader.GetString(1)), reader.GetBoolean(3),
                                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateOnly>(4));
                            actorName = reader.IsDBNull(2) ? "" : reader.GetString(2);
                            break;
                        case 1:
                            existing = (reader.GetGuid(1), reader.IsDBNull(2) ? null : reader.GetString(2));
                            break;
                        default:
                            var id = reader.GetGuid(1);
                            accounts[id] = new AccountForPosting(id, reader.GetString(2), reader.GetString(3), reader.GetBoolean(4));
                            break;
                    }
                }
            }
            return new PostingContext(standing, actorName, number, existing, accounts);
        }

        public async Task<bool> WriteAsync(Transaction t, AuditEvent audit, Func<Guid, string> currencyOf, CancellationToken ct)
        {
            await statements.InsertTransaction.ExecuteAsync(ct, t.Id, t.BookId, t.Number, t.Date, t.Description, t.Payee, t.IdempotencyKey,
                t.RequestHash, t.CreatedById, t.CreatedAt, t.ReversesId);
            foreach (var posting in t.Postings)
            {
                await statements.InsertPosting.ExecuteAsync(ct, t.Id, posting.AccountId, t.Date, posting.Amount, posting.Memo);
            }
            foreach (var tag in t.Tags)
            {
                await statements.InsertTag.ExecuteAsync(ct, t.Id, tag.Tag, t.BookId);
            }
            await statements.InsertAudit.ExecuteAsync(ct, audit.At, audit.UserId, audit.BookId, audit.Action, audit.EntityType, audit.EntityId,
                audit.Details);
            try
            {
                Add(t, currencyOf);
            }
            catch (OverflowException)
            {
                // Sums beyond 64 bits: refused, as the balance's own guard would refuse it.
                return false;
            }
            return together || await WriteTotalsAsync(ct);
        }

        private void Add(Transaction t, Func<Guid, string> currencyOf)
        {
            foreach (var (accountId, delta) in PostingStore.BalanceChanges(t))
            {
                balances[accountId] = balances.GetValueOrDefault(accountId).Then(delta);
                var key = (accountId, t.Date, t.BookId);
                days[key] = checked(days.GetValueOrDefault(key) + delta);
            }
            var (day, slot) = (DateOnly.FromDateTime(t.CreatedAt), DailyActivity.SlotOf(t.BookId));
            foreach (var (currency, volume) in PostingStore.Volumes(t, currencyOf))
            {
                var (count, sum) = activity.GetValueOrDefault((day, currency, slot));
                activity[(day, currency, slot)] = (count + 1, DailyActivity.AddVolume(sum, volume));
            }
        }

        public async Task<bool> WriteTotalsAsync(CancellationToken ct)
        {
            try
            {
                foreach (var (accountId, movement) in balances)
                {
                    // The guards refuse a change that would overflow 64 bits (SQLite would silently make the integer a float).
                    if (await statements.ChangeBalance.ExecuteAsync(ct, movement.Total, accountId, long.MaxValue - movement.Highest,
                            long.MinValue - movement.Lowest) == 0)
                    {
                        return false;
                    }
                }
                foreach (var ((accountId, date, bookId), amount) in days)
                {
                    if (await statements.AddToDay.ExecuteAsync(ct, accountId, date, bookId, amount, long.MaxValue - Math.Max(amount, 0),
                            long.MinValue - Math.Min(amount, 0)) == 0)
                    {
                        return false;
                    }
                }
                foreach (var ((day, currency, slot), (count, volume)) in activity)
                {
                    await statements.CountActivity.ExecuteAsync(ct, day, currency, slot, count, volume);
                }
                return true;
            }
            finally
            {
                balances.Clear();
                days.Clear();
                activity.Clear();
            }
        }

        public Task GiveBackNumberAsync(Guid bookId, CancellationToken ct) => statements.GiveBackNumber.ExecuteAsync(ct, bookId);

        public async Task<TransactionDto?> LoadAsync(Guid bookId, Guid transactionId, CancellationToken ct)
        {
            // On the writer's connection, in its transaction: what this transaction wrote is seen, and nothing waits for it.
            await using var db = new LedgerDbContext(statements.ContextOptions);
            await db.Database.UseTransactionAsync(transaction, ct);
            return await PostingService.LoadDtoAsync(db, bookId, transactionId, ct);
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            await transaction.CommitAsync(ct);
            if (Diagnostics.IsEnabled(CommittedEvent))
            {
                Diagnostics.Write(CommittedEvent, statements.Connection.ConnectionString);
            }
        }
    }
}
