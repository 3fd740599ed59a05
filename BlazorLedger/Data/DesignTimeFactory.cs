using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BlazorLedger.Data;

/// <summary>Lets the EF tools build the model without starting the app (and its seeding).</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LedgerDbContext>
{
    public LedgerDbContext CreateDbContext(string[] args) =>
        new(LedgerDbContext.StandaloneOptions(options => options.UseSqlite("Data Source=design-time.db")));
}
