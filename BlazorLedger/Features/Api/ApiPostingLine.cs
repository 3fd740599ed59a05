namespace BlazorLedger.Features.Api;

public sealed record ApiPostingLine(Guid? AccountId, ApiAmount Amount, ApiText Memo);
