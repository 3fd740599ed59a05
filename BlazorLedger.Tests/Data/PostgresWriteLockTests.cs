using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Users;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Data;

/// <summary>
/// On PostgreSQL, a write that checks a rule queues behind the lock that guards it (see <see cref="WriteLocks"/>) and then
/// decides on what the holder committed. Each test holds the lock in a transaction of its own, starts the call, waits until
/// the server shows it waiting, changes what the rule depends on, commits, and expects the call to see that change.
/// </summary>
public sealed class PostgresWriteLockTests : IAsyncLifetime, IOnPostgres
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.OnPostgresAsync();

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    /// <summary>Holds <paramref name="lockIt"/>'s lock while <paramref name="call"/> starts; then <paramref name="change"/>, commit, and the call's result.</summary>
    private async Task<T> WhileHeldAsync<T>(Func<LedgerDbContext, Task> lockIt, Func<Task<T>> call, Func<LedgerDbContext, Task> change)
    {
        await using var db = await ledger.DbAsync();
        await using (var transaction = await db.BeginWriteTransactionAsync(CancellationToken.None))
        {
            await lockIt(db);
            var pending = Task.Run(call);
            await LockWaits.UntilSomeoneWaitsAsync(ledger);
            await change(db);
            await transaction.CommitAsync(CancellationToken.None);
            return await pending;
        }
    }

    private async Task<(TestUser Owner, TestUser Other, Guid Book)> SharedBookAsync()
    {
        var owner = await ledger.CreateUserAsync("olivia");
        var other = await ledger.CreateUserAsync("oscar");
        var book = (await ledger.Books.CreateAsync(owner.Actor, "Club", "USD")).Value!.Id;
        await ledger.AddMemberAsync(book, other, BookRole.Owner);
        return (owner, other, book);
    }

    private static Task<int> StepDownAsync(LedgerDbContext db, Guid book, string userId) =>
        db.BookMembers.Where(m => m.BookId == book && m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, BookRole.Editor));

    [DbFact]
    public async Task Leaving_a_book_waits_for_a_write_in_the_book_and_sees_the_other_owner_step_down()
    {
        var (owner, other, book) = await SharedBookAsync();

        var left = await WhileHeldAsync(db => db.LockBooksAsync([book], default),
            () => ledger.Members.RemoveAsync(owner.Actor, book, owner.UserId),
            db => StepDownAsync(db, book, other.UserId));

        Assert.Equal(ResultStatus.Conflict, left.Status);
        Assert.Contains("at least one owner", left.Message);
    }

    [DbFact]
    public async Task Closing_an_account_waits_for_a_write_in_the_users_books_and_sees_the_other_owner_step_down()
    {
        var (owner, other, book) = await SharedBookAsync();
        var deletion = ledger.Services.GetRequiredService<UserDeletionService>();

        var closed = await WhileHeldAsync(db => db.LockBooksAsync([book], default),
            () => deletion.DeleteSelfAsync(owner.Actor),
            db => StepDownAsync(db, book, other.UserId));

        Assert.Equal(ResultStatus.Conflict, closed.Status);
        Assert.Contains("only owner of \"Club\"", closed.Message);
    }

    [DbFact]
    public async Task Accepting_an_invitation_waits_for_a_write_in_its_book_and_sees_it_withdrawn()
    {
        var owner = await ledger.CreateUserAsync("olivia");
        var bob = await ledger.CreateUserAsync("bob");
        var invitation = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Editor)).Value!;
        var link = invitation.Link!;
        var token = link[(link.LastIndexOf('/') + 1)..];

        var accepted = await WhileHeldAsync(db => db.LockBooksAsync([owner.BookId], default),
            () => ledger.Invitations.AcceptAsync(bob.Actor, token),
            db => db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, DateTime.UtcNow)));

        Assert.Contains("withdrawn", accepted.Message);
    }

    [DbFact]
    public async Task Creating_a_token_waits_for_a_write_on_the_user_and_counts_the_token_it_added()
    {
        var ann = await ledger.CreateUserAsync("ann");
        var tokens = ledger.Services.GetRequiredService<ApiTokenService>();
        for (var i = 0; i < ApiTokenService.MaxActiveTokensPerUser - 1; i++)
        {
            await tokens.CreateAsync(ann.Actor, $"t{i}", ApiScopes.Read, null);
        }

        var created = await WhileHeldAsync(db => db.LockUserAsync(ann.UserId, default),
            () => tokens.CreateAsync(ann.Actor, "one too many", ApiScopes.Read, null),
            async db =>
            {
                db.ApiTokens.Add(new ApiToken
                {
                    UserId = ann.UserId, Name = "the last place", Scope = ApiScopes.Read, TokenHash = new string('0', 64), Prefix = "bl_0000000",
                    CreatedAt = DateTime.UtcNow,
                });
                await db.SaveChangesAsync();
            });

        Assert.Equal(ResultStatus.Conflict, created.Status);
    }

    [DbFact]
    public async Task An_admin_command_waits_for_another_and_sees_the_admin_it_disabled()
    {
        var (alice, bob) = (await ledger.CreateUserAsync("alice"), await ledger.CreateUserAsync("bob"));
        await ledger.MakeAdminAsync(alice);
        await ledger.MakeAdminAsync(bob);

        var disabled = await WhileHeldAsync(db => db.LockAdministrationAsync(default),
            async () =>
            {
                await using var scope = ledger.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<UserCommands>().SetDisabledAsync(alice.Actor, bob.UserId, disabled: true);
            },
            db => db.Users.Where(u => u.Id == alice.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledAt, DateTime.UtcNow)));

        Assert.Equal(ResultStatus.Conflict, disabled.Status);
        Assert.Contains("last active administrator", disabled.Message);
    }
}
