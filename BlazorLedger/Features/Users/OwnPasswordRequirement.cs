using Microsoft.AspNetCore.Authorization;

namespace BlazorLedger.Features.Users;

/// <summary>The user has chosen their own password (or was never given a temporary one).</summary>
public sealed class OwnPasswordRequirement : IAuthorizationRequirement;
