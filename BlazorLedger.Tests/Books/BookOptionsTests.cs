using BlazorLedger.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Tests.Books;

public sealed class BookOptionsTests
{
    [Theory]
    [InlineData("XYZ")]
    [InlineData("")]
    [InlineData("US Dollar")]
    public void An_unknown_default_currency_stops_the_app_at_start_up_naming_the_setting_before_any_user_is_created(string currency)
    {
        var folder = Directory.CreateTempSubdirectory("ledger-bad-currency-");
        var database = Path.Combine(folder.FullName, "ledger.db");
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => new AppHost(overrides: new Dictionary<string, string?>
            {
                ["Books:DefaultCurrency"] = currency,
                ["ConnectionStrings:Ledger"] = $"Data Source={database}",
                ["DataProtection:KeysPath"] = Path.Combine(folder.FullName, "keys"),
            }));

            var messages = string.Join(" | ", Chain(failure).Select(e => e.Message));
            Assert.Contains("Books:DefaultCurrency", messages);
            Assert.Contains("Books__DefaultCurrency", messages);
            Assert.Contains($"\"{currency}\"", messages);
            // Refused before the database was opened: no admin (or anyone) was created without a book.
            Assert.False(File.Exists(database));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static IEnumerable<Exception> Chain(Exception exception) =>
        exception is AggregateException aggregate
            ? aggregate.InnerExceptions.SelectMany(Chain).Prepend(exception)
            : exception.InnerException is { } inner ? Chain(inner).Prepend(exception) : [exception];
}
