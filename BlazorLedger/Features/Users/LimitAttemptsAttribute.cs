namespace BlazorLedger.Features.Users;

/// <summary>Marks a page whose form submissions try a password, a code or an address: they are rate-limited.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LimitAttemptsAttribute : Attribute;
