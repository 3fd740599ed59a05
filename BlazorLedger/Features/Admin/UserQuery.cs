namespace BlazorLedger.Features.Admin;

public sealed record UserQuery(string? Search = null, UserSort Sort = UserSort.Name, bool Descending = false, int Page = 0, int PageSize = 25);
