namespace BlazorLedger.Data;

public enum BookRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}

public enum AccountType
{
    Asset = 0,
    Liability = 1,
    Equity = 2,
    Income = 3,
    Expense = 4,
}

/// <summary>A named ledger. Everything else (accounts, transactions) belongs to exactly one book.</summary>
public sealed class Book
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string BaseCurrency { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Transactions ever posted in the book (reversals included); maintained by posting, for admin figures.</summary>
    public long TransactionCount { get; set; }

    public List<BookMember> Members { get; set; } = [];
}

/// <summary>
/// Text lengths, one definition each: the schema's column sizes, the services' validation and the forms' input limits all
/// read them (changing one changes the schema, so it needs a migration).
/// </summary>
public static class BookLimits
{
    public const int MaxName = 100;
}

public sealed class BookMember
{
    public Guid BookId { get; set; }
    public required string UserId { get; set; }
    public BookRole Role { get; set; }
    public DateTime CreatedAt { get; set; }
    public Book? Book { get; set; }
    public ApplicationUser? User { get; set; }
}

public sealed class Account
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public AccountType Type { get; set; }
    public required string Currency { get; set; }
    public bool Archived { get; set; }

    /// <summary>Sum of the account's postings in minor units; only ever changed by a set-based increment.</summary>
    public long Balance { get; set; }

    /// <summary>Concurrency token for edits of the account's own fields; bumped on every edit, not by postings.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <inheritdoc cref="BookLimits"/>
public static class AccountLimits
{
    public const int MaxName = 100;
    public const int MaxCode = 20;
}

public sealed class Transaction
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }

    /// <summary>1, 2, 3 ... within the book, in the order transactions were posted: a reference people can quote.</summary>
    public long Number { get; set; }

    public DateOnly Date { get; set; }
    public required string Description { get; set; }
    public string? Payee { get; set; }

    /// <summary>Client-chosen key that makes a retried submit return the first result instead of posting twice.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Hash of the submitted content, to tell a genuine retry from a different request reusing a key.</summary>
    public string? RequestHash { get; set; }

    public required string CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Set on the reversing transaction of a void: the transaction it cancels.</summary>
    public Guid? ReversesId { get; set; }

    public List<Posting> Postings { get; set; } = [];
}

public sealed class Posting
{
    public long Id { get; set; }
    public Guid TransactionId { get; set; }
    public Guid AccountId { get; set; }

    /// <summary>Copy of the transaction date, so that (AccountId, Date, Id) serves an account's register.</summary>
    public DateOnly Date { get; set; }

    /// <summary>Minor units of the account's currency; debit positive, credit negative.</summary>
    public long Amount { get; set; }

    public string? Memo { get; set; }

    public Account? Account { get; set; }
    public Transaction? Transaction { get; set; }
}

/// <summary>What one transaction may hold. The lengths are also the schema's column sizes (see <see cref="BookLimits"/>).</summary>
public static class TransactionLimits
{
    public const int MaxPostings = 100;
    public const int MaxDescription = 200;
    public const int MaxPayee = 100;
    public const int MaxMemo = 200;
    public const int MaxIdempotencyKey = 100;
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
}

public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public Guid? BookId { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public required string EntityId { get; set; }
    public string Details { get; set; } = "{}";
}

public enum InvitationKind
{
    /// <summary>From an admin: lets the addressee create an account while registration is invite-only.</summary>
    SignUp = 0,
    /// <summary>From a book's owner: lets the addressee join the book with a role (and sign up if they must).</summary>
    Book = 1,
}

/// <summary>A link with an expiry, sent by e-mail (or read from the outbox). Only a hash of its token is stored.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public InvitationKind Kind { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string TokenHash { get; set; }
    public Guid? BookId { get; set; }
    public BookRole? Role { get; set; }
    public required string InvitedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }
    public DateTime? RevokedAt { get; set; }
    public Book? Book { get; set; }
}

/// <inheritdoc cref="BookLimits"/>
public static class InvitationLimits
{
    public const int MaxEmail = 256;
}

/// <summary>A message the app sent (or would have sent): kept so that links can be followed without a mail server.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string HtmlBody { get; set; }
    public DateTime? SentAt { get; set; }
    public string? Error { get; set; }
}

/// <summary>An app-wide setting an admin can change at run time.</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}

/// <summary>A personal access token for the HTTP API. Only a hash of the secret is stored; it is shown once, at creation.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>"read" or "write".</summary>
    public required string Scope { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, so people can tell their tokens apart.</summary>
    public required string Prefix { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}

/// <inheritdoc cref="BookLimits"/>
public static class ApiTokenLimits
{
    public const int MaxName = 100;
}

/// <summary>
/// Activity per day (UTC, by when it was entered) and currency, maintained by posting in the same database transaction, so
/// that admin figures read a few rows instead of scanning millions. Currency "*" counts transactions of every currency.
/// </summary>
public sealed class DailyActivity
{
    public const string AllCurrencies = "*";

    public DateOnly Day { get; set; }
    public required string Currency { get; set; }
    public long Transactions { get; set; }

    /// <summary>Sum of the debits posted, in minor units of the currency.</summary>
    public long Volume { get; set; }
}
