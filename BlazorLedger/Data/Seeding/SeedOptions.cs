namespace BlazorLedger.Data.Seeding;

public sealed class SeedOptions
{
    public string AdminEmail { get; set; } = "admin@example.com";

    /// <summary>When empty, a password is generated on first run and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Creates a demo book for the admin; defaults to on in Development only.</summary>
    public bool? DemoData { get; set; }
}
