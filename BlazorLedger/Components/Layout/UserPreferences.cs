namespace BlazorLedger.Components.Layout;

/// <summary>
/// The browser's remembered choices (theme, book), read from cookies on the first request and handed to the circuit,
/// so pages render with them from the start.
/// </summary>
internal sealed class UserPreferences
{
    public const string DarkModeCookie = "blazorledger.dark";
    public const string BookCookie = "blazorledger.book";

    public bool? DarkMode { get; set; }

    public Guid? BookId { get; set; }
}
