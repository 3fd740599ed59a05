using BlazorLedger.Data;

namespace BlazorLedger.Features.Import;

/// <summary>How a payee (or a description, for rows without one) is remembered: the same words whatever their spacing or case.</summary>
internal static class PayeeKey
{
    public static string Of(string text)
    {
        var key = StatementFingerprint.Normalize(text).ToLowerInvariant();
        return key.Length <= TransactionLimits.MaxDescription ? key : key[..TransactionLimits.MaxDescription];
    }

    /// <summary>The key a row is remembered by: its payee, or its description when it has none.</summary>
    public static string Of(string description, string? payee) => Of(string.IsNullOrWhiteSpace(payee) ? description : payee);
}
