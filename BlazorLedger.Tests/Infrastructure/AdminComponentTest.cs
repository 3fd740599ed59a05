namespace BlazorLedger.Tests.Infrastructure;

/// <summary>Base for admin page tests: the signed-in user is an admin, in the database and in their sign-in.</summary>
public abstract class AdminComponentTest : LedgerComponentTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ledger.MakeAdminAsync(User);
        SignIn(User, "alice", BlazorLedger.Features.Users.Roles.Admin);
    }
}
