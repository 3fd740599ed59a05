using System.Globalization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Rates;

/// <summary>The rates page's form for one rate: what a person typed, read in their number format, and the errors to show beside it.</summary>
public sealed class RateForm
{
    public string? Currency { get; set; }
    public DateTime? Date { get; set; }
    public string? Rate { get; set; }
    public FieldErrors Errors { get; private set; } = FieldErrors.None;

    /// <summary>The command, or null with <see cref="Errors"/> set when the form cannot be read.</summary>
    public SetRates? ToCommand(Guid bookId, CultureInfo culture)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Currency))
        {
            errors[nameof(Currency)] = ["Choose the currency."];
        }
        if (Date is null)
        {
            errors[nameof(Date)] = ["Choose the date the rate applies from."];
        }
        if (!RateValue.TryParse(Rate, culture, out var rate, out var error))
        {
            errors[nameof(Rate)] = [error];
        }
        Errors = new FieldErrors(errors);
        return errors.Count > 0 ? null : new SetRates(bookId, [new ExchangeRateDto(Currency!, DateOnly.FromDateTime(Date!.Value), rate)]);
    }

    /// <summary>Shows the service's refusal beside the fields: its errors are keyed "Rates[0].Rate" for the one rate sent.</summary>
    public void Refused(IReadOnlyDictionary<string, string[]> errors) =>
        Errors = new FieldErrors(errors.ToDictionary(e => e.Key.StartsWith("Rates[0].", StringComparison.Ordinal) ? e.Key["Rates[0].".Length..] : e.Key,
            e => e.Value));

    /// <summary>After a save: the rate is cleared for the next one; currency and date stay, as rates often come in runs.</summary>
    public void Saved()
    {
        Rate = null;
        Errors = FieldErrors.None;
    }
}
