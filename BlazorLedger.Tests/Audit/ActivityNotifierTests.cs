using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Audit;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Audit;

/// <summary>"Activity recorded" reaches the dashboards (here and, on PostgreSQL, on other instances) only once it can be read.</summary>
public sealed class ActivityNotifierTests
{
    [Fact]
    public async Task Activity_from_a_save_inside_a_transaction_is_published_after_the_commit_not_before()
    {
        await using var ledger = await TestLedger.OnFileAsync();
        var alice = await ledger.CreateUserAsync("alice");
        var factory = ledger.Services.GetRequiredService<IDbContextFactory<LedgerDbContext>>();
        var readable = new List<int>();
        ledger.Services.GetRequiredService<ActivityNotifier>().Recorded += () =>
        {
            // What a dashboard would read on hearing it, through a connection of its own.
            using var db = factory.CreateDbContext();
            readable.Add(db.AuditEvents.Count(e => e.Action == AuditActions.AccountCreated));
        };

        var created = await ledger.Accounts.CreateAsync(alice.Actor, new CreateAccount(alice.BookId, "Cash", null, AccountType.Asset, "USD"));

        Assert.True(created.Succeeded, created.Message);
        Assert.Equal([1], readable);
    }
}
