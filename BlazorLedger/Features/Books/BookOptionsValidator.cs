using BlazorLedger.Common;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Features.Books;

/// <summary>
/// Checked at start-up: with an unknown currency every sign-up would fail to get its book, so the app refuses to start and
/// says which setting to fix.
/// </summary>
internal sealed class BookOptionsValidator : IValidateOptions<BookOptions>
{
    public ValidateOptionsResult Validate(string? name, BookOptions options) =>
        Currencies.IsKnown(options.DefaultCurrency?.Trim().ToUpperInvariant())
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Books:DefaultCurrency (environment variable Books__DefaultCurrency) is \"{options.DefaultCurrency}\", which is not an "
                + "ISO 4217 currency code. Set it to a code such as USD or EUR.");
}
