namespace BlazorLedger.Features.Import;

/// <summary>
/// One transaction of a statement, ready to post against its account. <paramref name="Amount"/> is in minor units of the
/// account's currency, as the statement shows it: positive is money in (a debit to an asset account). <paramref name="Line"/>
/// is where the row starts in the file. <paramref name="Fingerprint"/> is the row's idempotency key: the same row of the
/// same account gets the same fingerprint in every file it appears in.
/// </summary>
public sealed record StatementRow(int Line, DateOnly Date, long Amount, string Description, string? Payee, string? Memo, string Fingerprint);
