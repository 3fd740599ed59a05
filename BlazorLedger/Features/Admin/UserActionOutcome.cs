namespace BlazorLedger.Features.Admin;

/// <summary>What to tell the admin after an action.</summary>
public sealed record UserActionOutcome(bool Succeeded, string Message);
