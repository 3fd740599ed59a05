namespace BlazorLedger.Tests.Common;

/// <summary>
/// One typed amount: the number format it is typed in ("" = the invariant format the API speaks), the currency, and either
/// the minor units it must read as or a fragment of the message that must refuse it.
/// </summary>
public sealed record AmountCase(string Culture, string Text, string Currency, long? Minor, string? Refusal = null)
{
    public override string ToString() => $"{(Culture.Length == 0 ? "invariant" : Culture)} {Currency} \"{Escaped(Text)}\"";

    private static string Escaped(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
