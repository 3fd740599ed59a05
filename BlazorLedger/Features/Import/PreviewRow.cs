namespace BlazorLedger.Features.Import;

/// <summary>
/// One row of a statement as the preview shows it. A read row has <see cref="Row"/>; an unreadable one has only its
/// <see cref="Error"/> (line and column). A duplicate names the transaction its earlier import posted. For a new row,
/// <see cref="Rule"/> and <see cref="RememberedAccountId"/> are what <see cref="Suggestion"/> was made from, so that
/// the proposal can be made again when the rules change. <see cref="Schedule"/> is the scheduled occurrence the row stands
/// for: posted already for a <see cref="PreviewRowState.Matched"/> row, not yet for a new one (which is then posted instead).
/// </summary>
public sealed record PreviewRow(
    int Line,
    PreviewRowState State,
    StatementRow? Row,
    StatementError? Error = null,
    long? DuplicateOfNumber = null,
    Guid? DuplicateOfId = null,
    RuleMatch? Rule = null,
    Guid? RememberedAccountId = null,
    OtherAccountSuggestion? Suggestion = null,
    ScheduleMatch? Schedule = null);
