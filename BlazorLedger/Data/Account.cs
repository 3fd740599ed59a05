namespace BlazorLedger.Data;

public sealed class Account
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BookId { get; set; }
    public required string Name { get; set; }
    public string? Code { get; set; }
    public AccountType Type { get; set; }
    public required string Currency { get; set; }
    public bool Archived { get; set; }

    /// <summary>The account this one rolls up into: same book and type, never itself or one of its own sub-accounts.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>What the ledger itself uses the account for, so it finds the account again whatever it was renamed to.</summary>
    public AccountPurpose? Purpose { get; set; }

    /// <summary>Sum of the account's postings in minor units; only ever changed by a set-based increment.</summary>
    public long Balance { get; set; }

    /// <summary>Concurrency token for edits of the account's own fields; bumped on every edit, not by postings.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }
}
