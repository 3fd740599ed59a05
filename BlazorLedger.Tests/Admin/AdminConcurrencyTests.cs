using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Admin;

/// <summary>The rules about administrators and settings hold when several admins act at the same moment.</summary>
public abstract class AdminConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this, concurrent: true);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<T> WithCommandsAsync<T>(Func<UserCommands, Task<T>> action)
    {
        // A fresh scope per call, as each admin's circuit has its own.
        await using var scope = ledger.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserCommands>());
    }

    private async Task<List<TestUser>> AdminsAsync(int count)
    {
        var admins = new List<TestUser>();
        for (var i = 0; i < count; i++)
        {
            var admin = await ledger.CreateUserAsync($"admin{i}");
            await ledger.MakeAdminAsync(admin);
            admins.Add(admin);
        }
        return admins;
    }

    [DbFact]
    public async Task Admins_locking_and_disabling_each_other_all_at_once_leave_exactly_one_active_admin()
    {
        var admins = await AdminsAsync(8);

        var results = await AllAtOnce.RunAsync(admins.Count, i =>
        {
            var (actor, target) = (admins[i].Actor, admins[(i + 1) % admins.Count].UserId);
            return WithCommandsAsync(commands => i % 2 == 0
                ? commands.SetLockedAsync(actor, target, locked: true)
                : commands.SetDisabledAsync(actor, target, disabled: true));
        });

        Assert.Equal(admins.Count - 1, results.Count(r => r.Status == ResultStatus.Ok));
        var refused = Assert.Single(results, r => r.Status != ResultStatus.Ok);
        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("last active administrator", refused.Message);
        await using var db = await ledger.DbAsync();
        var states = await db.Users.Where(u => admins.Select(a => a.UserId).Contains(u.Id))
            .Select(u => new { u.DisabledAt, u.LockoutEnd }).ToListAsync();
        Assert.Single(states, u => u.DisabledAt is null && !AdminLock.Applies(u.LockoutEnd));
    }

    [DbFact]
    public async Task Admins_revoking_each_others_role_all_at_once_leave_exactly_one_admin()
    {
        var admins = await AdminsAsync(8);
        var actor = await ledger.CreateUserAsync("keeper");
        await ledger.MakeAdminAsync(actor);
        await WithCommandsAsync(commands => commands.SetDisabledAsync(admins[0].Actor, actor.UserId, disabled: true));

        // The disabled admin still holds the role, so may act, but does not count as an active admin.
        var results = await AllAtOnce.RunAsync(admins.Count, i =>
            WithCommandsAsync(commands => commands.SetAdminAsync(actor.Actor, admins[i].UserId, admin: false)));

        Assert.Equal(admins.Count - 1, results.Count(r => r.Status == ResultStatus.Ok));
        Assert.Contains("last active administrator", Assert.Single(results, r => r.Status != ResultStatus.Ok).Message);
        await using var db = await ledger.DbAsync();
        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync();
        var stillAdmins = await db.UserRoles.Where(r => r.RoleId == adminRole).Select(r => r.UserId).ToListAsync();
        Assert.Single(stillAdmins, id => admins.Select(a => a.UserId).Contains(id));
    }

    [DbFact]
    public async Task A_setting_changed_by_admins_all_at_once_is_one_row_holding_one_of_their_choices()
    {
        var admins = await AdminsAsync(4);
        var settings = ledger.Settings;

        var results = await AllAtOnce.RunAsync(12, i => settings.SetRegistrationPolicyAsync(admins[i % admins.Count].Actor,
            i % 2 == 0 ? RegistrationPolicy.Open : RegistrationPolicy.Closed));

        Assert.All(results, r => Assert.Equal(ResultStatus.Ok, r.Status));
        await using var db = await ledger.DbAsync();
        var setting = Assert.Single(await db.Settings.ToListAsync());
        Assert.Contains(setting.Value, new[] { nameof(RegistrationPolicy.Open), nameof(RegistrationPolicy.Closed) });
        Assert.Equal(12, await db.AuditEvents.CountAsync(a => a.Action == "setting.changed"));
    }
}

public sealed class AdminConcurrencyTestsOnSqlite : AdminConcurrencyTests;

public sealed class AdminConcurrencyTestsOnPostgres : AdminConcurrencyTests, IOnPostgres;
