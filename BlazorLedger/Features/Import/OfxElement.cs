namespace BlazorLedger.Features.Import;

/// <summary>An element of an OFX document: an aggregate with children, or a leaf with a value. Line and column say where it starts.</summary>
internal sealed class OfxElement(string name, int line, int column)
{
    public string Name { get; } = name;
    public int Line { get; } = line;
    public int Column { get; } = column;

    /// <summary>The text of a leaf element; null for an aggregate.</summary>
    public string? Value { get; set; }

    public List<OfxElement> Children { get; } = [];

    public OfxElement? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    /// <summary>The value of the leaf child <paramref name="name"/>, or null when there is none or it is empty.</summary>
    public string? Text(string name) => Child(name)?.Value is { Length: > 0 } value ? value : null;

    public IEnumerable<OfxElement> Descendants(string name) =>
        Children.SelectMany(c => c.Name == name ? [c] : c.Descendants(name));
}
