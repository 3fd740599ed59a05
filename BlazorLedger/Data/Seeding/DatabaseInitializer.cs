using System.Security.Cryptography;
using BlazorLedger.Features.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Data.Seeding;

/// <summary>Brings the database up to date and makes sure the roles, the first admin and (in Development) demo data exist.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeLedgerDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        // Settings checked at start-up are checked before the database is touched: seeding creates users, and a bad
        // setting must stop the app before that, not once it is running.
        app.Services.GetService<IStartupValidator>()?.Validate();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("BlazorLedger.Setup");
        // Instances starting at once take turns from here on: one migrates and creates the admin, the others find it done.
        await using var startup = await StartupLock.TakeAsync(app.Services, logger, ct);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;

        await using (var db = await services.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while a writer commits; it is a property of the file and persists.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
            }
            else
            {
                // The keys live in the database: the first instance makes the first key now, under the lock, and the others
                // read it, rather than each making its own at its first request.
                services.GetRequiredService<IDataProtectionProvider>().CreateProtector("BlazorLedger.Startup").Protect([1]);
            }
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in new[] { Roles.Admin, Roles.Member })
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var options = services.GetRequiredService<IOptions<SeedOptions>>().Value;
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(options.AdminEmail);
        if (admin is null)
        {
            var password = string.IsNullOrEmpty(options.AdminPassword) ? GeneratePassword() : options.AdminPassword;
            admin = new ApplicationUser
            {
                UserName = options.AdminEmail, Email = options.AdminEmail, EmailConfirmed = true, DisplayName = "Administrator",
            };
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(
                    "Could not create the admin user: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }
            await users.AddToRoleAsync(admin, Roles.Admin);
            if (string.IsNullOrEmpty(options.AdminPassword))
            {
                // Printed once, when the admin is created; only its hash is stored.
                Console.WriteLine();
                Console.WriteLine($"  Admin user created: {options.AdminEmail}");
                Console.WriteLine($"  Generated password: {password}");
                Console.WriteLine("  (shown only now; set Seed__AdminPassword to choose one)");
                Console.WriteLine();
            }
            else
            {
                logger.LogInformation("Admin user {Email} created with the configured password", options.AdminEmail);
            }
        }

        if (options.DemoData ?? app.Environment.IsDevelopment())
        {
            await services.GetRequiredService<DemoData>().EnsureAsync(admin.Id, ct);
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var body = RandomNumberGenerator.GetString(alphabet, 16);
        // Identity's default rules want a digit, both cases and a symbol; groups of four read and type easily.
        return $"{body[..4]}-{body[4..8]}-{body[8..12]}-{body[12..]}-a7Z";
    }
}
