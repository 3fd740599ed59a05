using BlazorLedger.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace BlazorLedger.Tests.Hosting;

/// <summary>A setting that cannot work stops the app at start-up with a message naming it, not at the first request that needs it.</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("SignIn:Limits:PerAccount", "0")]
    [InlineData("SignIn:Limits:WindowMinutes", "-5")]
    [InlineData("Invitations:ExpiryDays", "0")]
    [InlineData("Mail:SmtpPort", "70000")]
    [InlineData("Mail:From", "nobody")]
    [InlineData("Api:RequestsPerMinute", "0")]
    [InlineData("Api:BadTokensPerMinute", "-1")]
    [InlineData("Seed:AdminEmail", "not-an-address")]
    public void A_wrong_setting_stops_start_up_with_a_message_naming_it(string setting, string value)
    {
        var folder = Directory.CreateTempSubdirectory("ledger-bad-setting-");
        try
        {
            var failure = Assert.ThrowsAny<Exception>(() => new AppHost(overrides: new Dictionary<string, string?>
            {
                [setting] = value,
                ["ConnectionStrings:Ledger"] = $"Data Source={Path.Combine(folder.FullName, "ledger.db")}",
                ["DataProtection:KeysPath"] = Path.Combine(folder.FullName, "keys"),
            }));

            Assert.Contains(setting, string.Join(" | ", Chain(failure).Select(e => e.Message)));
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
