using BlazorLedger.Data;
using Npgsql;

namespace BlazorLedger.Tests.Data;

public sealed class PostgresConnectionTests
{
    [Fact]
    public void The_app_prepares_its_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var plain = new NpgsqlConnectionStringBuilder(DataRegistration.WithAutoPrepare("Host=db;Database=ledger;Username=ledger"));
        var off = new NpgsqlConnectionStringBuilder(DataRegistration.WithAutoPrepare("Host=db;Database=ledger;Max Auto Prepare=0"));
        var chosen = new NpgsqlConnectionStringBuilder(DataRegistration.WithAutoPrepare("Host=db;maxautoprepare=10"));

        Assert.Equal((64, "db", "ledger", "ledger"), (plain.MaxAutoPrepare, plain.Host, plain.Database, plain.Username));
        Assert.Equal(0, off.MaxAutoPrepare);
        Assert.Equal(10, chosen.MaxAutoPrepare);
    }
}
