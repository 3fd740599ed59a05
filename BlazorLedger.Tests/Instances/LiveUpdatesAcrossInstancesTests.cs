using System.Collections.Concurrent;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Instances;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Instances;

/// <summary>Live updates between two instances on one PostgreSQL database (LISTEN/NOTIFY), as circuits subscribe to them.</summary>
public sealed class LiveUpdatesAcrossInstancesTests : TwoInstancesTest
{
    private static ConcurrentQueue<BookChange> Heard(AppHost instance)
    {
        var heard = new ConcurrentQueue<BookChange>();
        instance.Services.GetRequiredService<BookChangeNotifier>().Changed += heard.Enqueue;
        return heard;
    }

    [DbFact]
    public async Task A_post_through_one_instance_reaches_the_other_and_each_hears_it_once()
    {
        var actor = new Actor((await A.CreateUserAsync("lee@example.com")).Id);
        var (book, food, cash) = await A.WithScopeAsync(async s =>
        {
            var book = (await s.GetRequiredService<BookService>().ListAsync(actor)).Single().Id;
            var accounts = s.GetRequiredService<AccountService>();
            return (book, (await accounts.CreateAsync(actor, new(book, "Food", null, AccountType.Expense, "USD"))).Value!.Id,
                (await accounts.CreateAsync(actor, new(book, "Cash", null, AccountType.Asset, "USD"))).Value!.Id);
        });
        var onA = Heard(A);
        var onB = Heard(B);
        var activityOnB = 0;
        B.Services.GetRequiredService<ActivityNotifier>().Recorded += () => Interlocked.Increment(ref activityOnB);
        var posted = new BookChange(book, BookChangeKind.Transactions);

        var result = await A.WithScopeAsync(s => s.GetRequiredService<PostingService>().PostAsync(actor,
            new PostTransaction(book, DateOnly.FromDateTime(DateTime.UtcNow), "Lunch", null, [new(food, 12_50), new(cash, -12_50)])));

        Assert.True(result.Succeeded, result.Message);
        await Eventually.TrueAsync(() => onB.Contains(posted), "instance B hears of the post made on A", TimeSpan.FromSeconds(2));
        await Eventually.TrueAsync(() => Volatile.Read(ref activityOnB) > 0, "instance B's dashboard hears of the activity");
        // A listener gets notifications in commit order: once A hears this marker, its own message about the post (committed
        // before B could hear it) has reached it too, and was skipped.
        var marker = new BookChange(Guid.NewGuid(), BookChangeKind.Members);
        await NotifyAsync(InstanceMessage.ForBook(Guid.NewGuid(), marker));
        await Eventually.TrueAsync(() => onA.Contains(marker), "instance A hears a message sent after its own");
        Assert.Single(onA, change => change == posted);
        Assert.Single(onB, change => change == posted);
    }
}
