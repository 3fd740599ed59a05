using BlazorLedger.Data.Seeding;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Instances;

/// <summary>Several instances started at once on an empty database, as an orchestrator starts a deployment.</summary>
public sealed class StartupAcrossInstancesTests : IOnPostgres
{
    [DbFact]
    public async Task Four_instances_starting_at_once_on_an_empty_database_all_start_with_one_admin_and_one_migration_run()
    {
        var database = await PostgresServer.CreateEmptyDatabaseAsync();
        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Host: AppHost.OnPostgres(database, settings: ("Seed:DemoData", "true")), Failure: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Host: (AppHost?)null, Failure: ex);
            }
        })));
        try
        {
            Assert.All(started, s => Assert.Null(s.Failure));
            var admin = AppHost.AdminEmail.ToUpperInvariant();
            var (admins, roles, demoBooks, keys, applied, known) = await started[0].Host!.WithDbAsync(async db => (
                await db.Users.CountAsync(u => u.NormalizedEmail == admin),
                await db.Roles.Select(r => r.Name).OrderBy(n => n).ToListAsync(),
                await db.Books.CountAsync(b => b.Name == DemoData.BookName),
                await db.DataProtectionKeys.CountAsync(),
                await db.Database.GetAppliedMigrationsAsync(),
                db.Database.GetMigrations()));
            Assert.Equal(1, admins);
            Assert.Equal(["Admin", "Member"], roles);
            Assert.Equal(1, demoBooks);
            Assert.Equal(1, keys);
            Assert.Equal(known, applied);
            // Each of them answers.
            foreach (var (host, _) in started)
            {
                using var browser = host!.NewBrowser();
                Assert.Equal(System.Net.HttpStatusCode.OK, (await browser.GetAsync("Account/Login")).StatusCode);
            }
        }
        finally
        {
            foreach (var (host, _) in started)
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
