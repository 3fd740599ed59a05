namespace BlazorLedger.Features.Api;

public sealed record ApiPostingLine(ApiId AccountId, ApiAmount Amount, ApiText Memo);
