namespace BlazorLedger.Features.Import;

/// <summary>
/// The rows of a previewed statement to post into <paramref name="AccountId"/>, each against the other account chosen for
/// it. <paramref name="Mapping"/> (CSV) is remembered for the account once the import has succeeded.
/// </summary>
public sealed record ImportStatement(Guid BookId, Guid AccountId, string FileName, StatementFormat Format,
    IReadOnlyList<ImportRow> Rows, CsvMapping? Mapping = null);

/// <summary>
/// One row to post: the statement's amount goes to the statement's account, its opposite to <paramref name="OtherAccountId"/>.
/// <paramref name="Payee"/> is the one to post (a rule may have set it); <paramref name="RowPayee"/> the statement's own, by
/// which the choice of account is remembered. <paramref name="Occurrence"/> is the scheduled occurrence the row stands for,
/// if any (see <see cref="ScheduleMatching"/>).
/// </summary>
public sealed record ImportRow(string Fingerprint, int Line, DateOnly Date, long Amount, string Description, string? Payee, string? Memo,
    Guid? OtherAccountId, string? RowPayee = null, ScheduledOccurrence? Occurrence = null)
{
    public static ImportRow From(StatementRow row, Guid? otherAccountId, string? payee, ScheduledOccurrence? occurrence = null) =>
        new(row.Fingerprint, row.Line, row.Date, row.Amount, row.Description, payee, row.Memo, otherAccountId, row.Payee, occurrence);
}
