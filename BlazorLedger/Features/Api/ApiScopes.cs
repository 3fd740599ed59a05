namespace BlazorLedger.Features.Api;

public static class ApiScopes
{
    public const string Read = "read";
    public const string Write = "write";
}
