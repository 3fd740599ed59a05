namespace BlazorLedger.Features.Admin;

public sealed record DailyCount(DateOnly Day, int Count);
