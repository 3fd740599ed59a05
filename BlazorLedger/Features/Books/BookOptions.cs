namespace BlazorLedger.Features.Books;

public sealed class BookOptions
{
    /// <summary>Base currency of the personal book every new user gets.</summary>
    public string DefaultCurrency { get; set; } = "USD";
}
