namespace BlazorLedger.Features.Users;

public static class LedgerClaims
{
    public const string DisplayName = "blazorledger:display_name";
    public const string MustChangePassword = "blazorledger:must_change_password";
    public const string Culture = "blazorledger:culture";
}
