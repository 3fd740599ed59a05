using BlazorLedger.Tests.Infrastructure;

namespace BlazorLedger.Tests.Books;

public sealed class BookOptionsTests
{
    [Theory]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData("US Dollar")]
    public void An_unknown_default_currency_stops_the_app_at_start_up_naming_the_setting_before_any_user_is_created(string currency)
    {
        var (messages, databaseCreated) = AppHost.StartupFailure("Books:DefaultCurrency", currency);

        Assert.Contains("Books:DefaultCurrency", messages);
        Assert.Contains("Books__DefaultCurrency", messages);
        Assert.Contains($"\"{currency}\"", messages);
        // Refused before the database was opened: no admin (or anyone) was created without a book.
        Assert.False(databaseCreated);
    }
}
