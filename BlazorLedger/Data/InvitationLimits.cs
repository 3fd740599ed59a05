namespace BlazorLedger.Data;

/// <inheritdoc cref="BookLimits"/>
public static class InvitationLimits
{
    public const int MaxEmail = 256;
}
