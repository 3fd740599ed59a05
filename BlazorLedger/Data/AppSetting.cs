namespace BlazorLedger.Data;

/// <summary>An app-wide setting an admin can change at run time.</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
