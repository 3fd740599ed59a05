namespace BlazorLedger.Features.Admin;

public sealed record UserPage(IReadOnlyList<UserRow> Items, int Total);
