using BlazorLedger.Tests.Infrastructure;

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
    [InlineData("Database:Provider", "Oracle")]
    public void A_wrong_setting_stops_start_up_with_a_message_naming_it(string setting, string value)
    {
        Assert.Contains(setting, AppHost.StartupFailure(setting, value).Messages);
    }

    [Fact]
    public void PostgreSQL_with_a_connection_string_it_cannot_read_stops_start_up_naming_the_setting_and_creates_nothing()
    {
        // The helper passes a SQLite connection string, as someone switching providers and forgetting the other setting would.
        var (messages, databaseCreated) = AppHost.StartupFailure("Database:Provider", "Postgres");

        Assert.Contains("ConnectionStrings:Ledger", messages);
        Assert.False(databaseCreated);
    }
}
