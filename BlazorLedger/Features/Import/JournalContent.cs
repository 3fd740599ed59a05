using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>
/// A book as <see cref="JournalReader"/> read it from its journal: the base currency, the accounts in the order the
/// journal declares them, and the transactions in file order. When <see cref="Errors"/> has any, there is nothing else.
/// </summary>
internal sealed record JournalContent(string BaseCurrency, IReadOnlyList<JournalAccount> Accounts, IReadOnlyList<JournalTransaction> Transactions,
    IReadOnlyList<StatementError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static JournalContent Failed(IReadOnlyList<StatementError> errors) => new("", [], [], errors);
}

/// <summary>
/// An account as the app had it; <paramref name="JournalName"/> is how the journal's postings name it,
/// <paramref name="Parent"/> the journal name of the account it is a sub-account of, and <paramref name="Statements"/> the
/// reconciliations that reconciled none of its postings (the others are named by their postings).
/// </summary>
internal sealed record JournalAccount(int Line, string JournalName, string Name, string? Code, AccountType Type, string Currency, bool Archived,
    string? Parent = null, IReadOnlyList<JournalReconciliation>? Statements = null);

/// <summary>
/// A transaction as the app had it: <paramref name="Number"/> is its number in the book and <paramref name="ReversesNumber"/>,
/// for the reversal of a void, the number of the transaction it voids; <paramref name="CorrectsNumber"/>, for a correction's
/// replacement, the number of the transaction it replaces.
/// </summary>
internal sealed record JournalTransaction(int Line, long Number, DateOnly Date, string Description, string? Payee, long? ReversesNumber,
    IReadOnlyList<JournalPosting> Postings, IReadOnlyList<string>? Tags = null, long? CorrectsNumber = null);

/// <summary>
/// One posting: the journal name of its account, minor units of that account's currency (debit positive), its memo, where it
/// stands against the bank's statements, and for a reconciled one the reconciliation that agreed it.
/// </summary>
internal sealed record JournalPosting(string Account, long Amount, string? Memo, PostingState State = PostingState.Uncleared,
    JournalReconciliation? Reconciliation = null);

/// <summary>
/// A finished reconciliation as its postings name it: the statement's date and closing balance (as people read the account),
/// when it was finished, and whether the posting's transaction is its adjustment.
/// </summary>
internal sealed record JournalReconciliation(DateOnly StatementDate, long StatementBalance, DateTime ReconciledAt, bool Adjustment);
