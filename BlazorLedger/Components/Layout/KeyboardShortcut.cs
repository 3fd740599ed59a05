namespace BlazorLedger.Components.Layout;

/// <summary>A key (or chord) and what it does; the help dialog lists them, <c>wwwroot/js/shortcuts.js</c> acts on them.</summary>
public sealed record KeyboardShortcut(string[] Keys, string Action)
{
    public static IReadOnlyList<KeyboardShortcut> All { get; } =
    [
        new(["n"], "New transaction"),
        new(["/"], "Search the transaction list"),
        new(["Ctrl", "Enter"], "Post the transaction being entered"),
        new(["?"], "Show these shortcuts"),
    ];
}
