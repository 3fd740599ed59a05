using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Books;

public abstract class MembershipTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser owner = default!, editor = default!, viewer = default!, outsider = default!;

    public async Task InitializeAsync()
    {
        ledger = await TestLedger.ForAsync(this);
        owner = await ledger.CreateUserAsync("olivia");
        editor = await ledger.CreateUserAsync("eddie");
        viewer = await ledger.CreateUserAsync("victor");
        outsider = await ledger.CreateUserAsync("mallory");
        await ledger.AddMemberAsync(owner.BookId, editor, BookRole.Editor);
        await ledger.AddMemberAsync(owner.BookId, viewer, BookRole.Viewer);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<Dictionary<string, BookRole>> RolesAsync()
    {
        await using var db = await ledger.DbAsync();
        return await db.BookMembers.Where(m => m.BookId == owner.BookId).ToDictionaryAsync(m => m.UserId, m => m.Role);
    }

    [DbFact]
    public async Task Members_see_who_belongs_and_outsiders_get_not_found()
    {
        var list = await ledger.Members.ListAsync(viewer.Actor, owner.BookId);

        Assert.Equal(["olivia", "eddie", "victor"], list.Value!.Select(m => m.DisplayName));
        Assert.Equal(ResultStatus.NotFound, (await ledger.Members.ListAsync(outsider.Actor, owner.BookId)).Status);
    }

    [DbFact]
    public async Task An_owner_changes_roles_and_removes_members()
    {
        Assert.Equal(ResultStatus.Ok, (await ledger.Members.ChangeRoleAsync(owner.Actor, owner.BookId, viewer.UserId, BookRole.Editor)).Status);
        Assert.Equal(ResultStatus.Ok, (await ledger.Members.RemoveAsync(owner.Actor, owner.BookId, editor.UserId)).Status);

        var roles = await RolesAsync();
        Assert.Equal(BookRole.Editor, roles[viewer.UserId]);
        Assert.False(roles.ContainsKey(editor.UserId));
        await using var db = await ledger.DbAsync();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action.StartsWith("member.")));
    }

    [DbFact]
    public async Task Editors_and_viewers_cannot_manage_members_and_outsiders_get_not_found()
    {
        var before = await RolesAsync();

        Assert.Equal(ResultStatus.Forbidden, (await ledger.Members.ChangeRoleAsync(editor.Actor, owner.BookId, viewer.UserId, BookRole.Owner)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Members.ChangeRoleAsync(editor.Actor, owner.BookId, editor.UserId, BookRole.Owner)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Members.RemoveAsync(editor.Actor, owner.BookId, viewer.UserId)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Members.RemoveAsync(viewer.Actor, owner.BookId, owner.UserId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Members.RemoveAsync(outsider.Actor, owner.BookId, viewer.UserId)).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Members.ChangeRoleAsync(outsider.Actor, owner.BookId, outsider.UserId, BookRole.Owner)).Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Books.RenameAsync(editor.Actor, owner.BookId, "Mine")).Status);
        Assert.Equal(ResultStatus.NotFound, (await ledger.Books.RenameAsync(outsider.Actor, owner.BookId, "Mine")).Status);

        Assert.Equal(before, await RolesAsync());
    }

    [DbFact]
    public async Task A_member_can_leave_but_the_last_owner_cannot_leave_or_step_down()
    {
        Assert.Equal(ResultStatus.Ok, (await ledger.Members.RemoveAsync(viewer.Actor, owner.BookId, viewer.UserId)).Status);

        var leave = await ledger.Members.RemoveAsync(owner.Actor, owner.BookId, owner.UserId);
        var demote = await ledger.Members.ChangeRoleAsync(owner.Actor, owner.BookId, owner.UserId, BookRole.Editor);

        Assert.Equal(ResultStatus.Conflict, leave.Status);
        Assert.Contains("at least one owner", leave.Message);
        Assert.Equal(ResultStatus.Conflict, demote.Status);
        Assert.Equal(BookRole.Owner, (await RolesAsync())[owner.UserId]);
    }

    [DbFact]
    public async Task With_a_second_owner_the_first_may_step_down()
    {
        await ledger.Members.ChangeRoleAsync(owner.Actor, owner.BookId, editor.UserId, BookRole.Owner);

        var demote = await ledger.Members.ChangeRoleAsync(owner.Actor, owner.BookId, owner.UserId, BookRole.Viewer);

        Assert.Equal(ResultStatus.Ok, demote.Status);
        Assert.Equal(ResultStatus.Forbidden, (await ledger.Members.ChangeRoleAsync(owner.Actor, owner.BookId, viewer.UserId, BookRole.Editor)).Status);
    }

    [DbFact]
    public async Task An_owner_renames_the_book()
    {
        var renamed = await ledger.Books.RenameAsync(owner.Actor, owner.BookId, "  Family budget ");

        Assert.Equal("Family budget", renamed.Value!.Name);
        Assert.Equal(ResultStatus.Invalid, (await ledger.Books.RenameAsync(owner.Actor, owner.BookId, " ")).Status);
    }
}

public sealed class MembershipTestsOnSqlite : MembershipTests;

public sealed class MembershipTestsOnPostgres : MembershipTests, IOnPostgres;
