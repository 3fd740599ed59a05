namespace BlazorLedger.Features.Instances;

internal enum InstanceMessageKind
{
    /// <summary>Something in a book changed (accounts, transactions or members).</summary>
    Book,
    /// <summary>Something was recorded in the audit log.</summary>
    Activity,
    /// <summary>The sender's count of live circuits changed (or it stopped).</summary>
    Circuits,
}
