namespace BlazorLedger.Features.Admin;

public enum UserStatus
{
    Active,
    Locked,
    Disabled,
}
