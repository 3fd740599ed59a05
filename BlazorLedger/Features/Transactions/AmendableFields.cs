namespace BlazorLedger.Features.Transactions;

/// <summary>What an amendment may change, as stored before and after each one.</summary>
public sealed record AmendableFields(string Description, string? Payee, IReadOnlyList<string?> Memos, IReadOnlyList<string> Tags)
{
    public bool SameAs(AmendableFields other) =>
        Description == other.Description && Payee == other.Payee && Memos.SequenceEqual(other.Memos) && Tags.SequenceEqual(other.Tags);
}
