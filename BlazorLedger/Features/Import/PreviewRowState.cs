namespace BlazorLedger.Features.Import;

public enum PreviewRowState
{
    /// <summary>Not imported before: it will be posted.</summary>
    New,

    /// <summary>Its fingerprint is already in the book: importing it again posts nothing.</summary>
    Duplicate,

    /// <summary>It could not be read, or could not be posted as it is: the error says why.</summary>
    Invalid,
}
