using System.Globalization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Users;

/// <summary>
/// How amounts and dates are written for the person this circuit or request serves. App.razor hands the request's culture
/// to the circuit once, so a page re-rendered by another circuit's change still formats for its own reader.
/// </summary>
public sealed class UserFormat
{
    public CultureInfo Culture { get; private set; } = CultureInfo.InvariantCulture;

    /// <summary>Switches to the named supported culture; any other name means the invariant format.</summary>
    public void Use(string? cultureName) => Culture = UserCultures.Find(cultureName) ?? CultureInfo.InvariantCulture;

    private bool IsInvariant => Culture.Name.Length == 0;

    /// <summary>The short date pattern; ISO 8601 for the invariant format (its own is the ambiguous MM/dd/yyyy).</summary>
    public string DatePattern => IsInvariant ? "yyyy-MM-dd" : Culture.DateTimeFormat.ShortDatePattern;

    private string TimePattern => IsInvariant ? "HH:mm" : Culture.DateTimeFormat.ShortTimePattern;

    public string Amount(long minor, string currency) => Money.Format(minor, currency, Culture);

    public string AmountWithCode(long minor, string currency) => Money.FormatWithCode(minor, currency, Culture);

    public string AmountWithCode(Int128 minor, string currency) => Money.FormatWithCode(minor, currency, Culture);

    public string Date(DateOnly date) => date.ToString(DatePattern, Culture);

    public string Date(DateTime at) => at.ToString(DatePattern, Culture);

    public string DateTime(DateTime at) => at.ToString($"{DatePattern} {TimePattern}", Culture);
}
