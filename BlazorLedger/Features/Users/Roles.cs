namespace BlazorLedger.Features.Users;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Member = "Member";
}
