using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Books;

/// <summary>The rules about a book's members hold when many people act on one book at the same moment.</summary>
public abstract class MembershipConcurrencyTests : IAsyncLifetime
{
    private TestLedger ledger = default!;

    public async Task InitializeAsync() => ledger = await TestLedger.ForAsync(this, concurrent: true);

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<Dictionary<string, BookRole>> RolesAsync(Guid bookId)
    {
        await using var db = await ledger.DbAsync();
        return await db.BookMembers.Where(m => m.BookId == bookId).ToDictionaryAsync(m => m.UserId, m => m.Role);
    }

    [DbFact]
    public async Task Owners_stepping_down_or_leaving_all_at_once_leave_the_book_exactly_one_owner()
    {
        var first = await ledger.CreateUserAsync("owner0");
        var owners = new List<TestUser> { first };
        for (var i = 1; i < 12; i++)
        {
            var owner = await ledger.CreateUserAsync($"owner{i}");
            await ledger.AddMemberAsync(first.BookId, owner, BookRole.Owner);
            owners.Add(owner);
        }
        var viewer = await ledger.CreateUserAsync("viewer");
        await ledger.AddMemberAsync(first.BookId, viewer, BookRole.Viewer);

        var results = await AllAtOnce.RunAsync(owners.Count, i => i % 2 == 0
            ? ledger.Members.RemoveAsync(owners[i].Actor, first.BookId, owners[i].UserId)
            : ledger.Members.ChangeRoleAsync(owners[i].Actor, first.BookId, owners[i].UserId, BookRole.Editor));

        Assert.Equal(owners.Count - 1, results.Count(r => r.Status == ResultStatus.Ok));
        var refused = Assert.Single(results, r => r.Status != ResultStatus.Ok);
        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("at least one owner", refused.Message);
        var roles = await RolesAsync(first.BookId);
        Assert.Single(roles, r => r.Value == BookRole.Owner);
        Assert.Equal(BookRole.Viewer, roles[viewer.UserId]);
    }

    [DbFact]
    public async Task An_invitation_accepted_many_times_at_once_makes_one_membership()
    {
        var owner = await ledger.CreateUserAsync("olivia");
        var bob = await ledger.CreateUserAsync("bob");
        var link = (await ledger.Invitations.InviteToBookAsync(owner.Actor, owner.BookId, "bob@example.com", BookRole.Editor)).Value!.Link!;
        var token = link[(link.LastIndexOf('/') + 1)..];

        var results = await AllAtOnce.RunAsync(16, _ => ledger.Invitations.AcceptAsync(bob.Actor, token));

        Assert.Single(results, r => r.Status == ResultStatus.Ok);
        Assert.All(results.Where(r => r.Status != ResultStatus.Ok), r =>
        {
            Assert.Equal(ResultStatus.Conflict, r.Status);
            Assert.Contains("already been used", r.Message);
        });
        Assert.Equal(BookRole.Editor, (await RolesAsync(owner.BookId))[bob.UserId]);
        await using var db = await ledger.DbAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.InvitationAccepted));
    }
}

public sealed class MembershipConcurrencyTestsOnSqlite : MembershipConcurrencyTests;

public sealed class MembershipConcurrencyTestsOnPostgres : MembershipConcurrencyTests, IOnPostgres;
