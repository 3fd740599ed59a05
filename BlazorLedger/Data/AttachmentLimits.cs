namespace BlazorLedger.Data;

public static class AttachmentLimits
{
    public const int MaxFileName = 120;
    public const int MaxContentType = 64;
}
