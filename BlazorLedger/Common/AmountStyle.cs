namespace BlazorLedger.Common;

/// <summary>How one number format writes amounts: the decimal mark and the thousands separator (spaces and apostrophes in any of their forms).</summary>
internal sealed record AmountStyle(char Decimal, char Group)
{
    public char[] GroupChars { get; } = Group switch
    {
        ' ' or '\u00A0' or '\u202F' => [' ', '\u00A0', '\u202F'],
        '\'' or '\u2019' => ['\'', '\u2019'],
        _ => [Group],
    };

    public bool IsGroup(char c) => Array.IndexOf(GroupChars, c) >= 0;

    public string Example => AmountReader.Write(new AmountReader.Amount(false, "1234", "56"), this);

    public string DecimalName => NameOf(Decimal);

    public string GroupName => NameOf(Group);

    private static string NameOf(char separator) => separator switch
    {
        '.' => "point",
        ',' => "comma",
        '\'' or '\u2019' => "apostrophe",
        _ => "space",
    };

    // Styles are equal when they read the same text the same way.
    public bool Equals(AmountStyle? other) => other is not null && other.Decimal == Decimal && other.GroupChars.SequenceEqual(GroupChars);

    public override int GetHashCode() => HashCode.Combine(Decimal, GroupChars[0]);
}
