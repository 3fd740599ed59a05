using System.ComponentModel.DataAnnotations;

namespace BlazorLedger.Data.Seeding;

public sealed class SeedOptions
{
    [Required(ErrorMessage = "Seed:AdminEmail must be set: the first administrator signs in with it.")]
    [EmailAddress(ErrorMessage = "Seed:AdminEmail is not an e-mail address.")]
    public string AdminEmail { get; set; } = "admin@example.com";

    /// <summary>When empty, a password is generated on first run and printed once.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>Creates a demo book for the admin; defaults to on in Development only.</summary>
    public bool? DemoData { get; set; }
}
