namespace BlazorLedger.Features.Admin;

public enum UserSort
{
    Name,
    Email,
    Created,
    LastSignIn,
    FailedSignIns,
}
