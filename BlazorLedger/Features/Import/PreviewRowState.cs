namespace BlazorLedger.Features.Import;

public enum PreviewRowState
{
    /// <summary>Not imported before: it will be posted.</summary>
    New,

    /// <summary>Its fingerprint is already in the book: importing it again posts nothing.</summary>
    Duplicate,

    /// <summary>
    /// It stands for a scheduled occurrence the schedule has posted already (<see cref="PreviewRow.Schedule"/>): importing
    /// links the row to that transaction and posts nothing.
    /// </summary>
    Matched,

    /// <summary>It could not be read, or could not be posted as it is: the error says why.</summary>
    Invalid,
}
