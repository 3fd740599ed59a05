namespace BlazorLedger.Features.Users;

public sealed record NewAccount(string DisplayName, string Email, string Password, string? Invitation);
