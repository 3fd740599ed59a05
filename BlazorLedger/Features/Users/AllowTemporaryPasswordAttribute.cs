namespace BlazorLedger.Features.Users;

/// <summary>Marks the few pages and endpoints a user holding a temporary password may use: changing it and signing out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowTemporaryPasswordAttribute : Attribute;
