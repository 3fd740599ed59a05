using System.Globalization;
using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// What one instance tells the others with PostgreSQL's <c>NOTIFY</c> on <see cref="Channel"/>: who sent it (so that the
/// sender skips its own, which it delivered in process already) and what changed. The payload is a few words of text:
/// <c>ORIGIN book BOOK KIND</c>, <c>ORIGIN activity</c> or <c>ORIGIN circuits</c>, ids as 32 hex digits.
/// </summary>
internal sealed record InstanceMessage(Guid Origin, InstanceMessageKind Kind, BookChange? Book = null)
{
    /// <summary>The one channel every instance listens on (notifications stay within their database).</summary>
    public const string Channel = "blazorledger_changes";

    public static InstanceMessage ForBook(Guid origin, BookChange change) => new(origin, InstanceMessageKind.Book, change);

    public string ToPayload() => Kind switch
    {
        InstanceMessageKind.Book when Book is { } book =>
            string.Create(CultureInfo.InvariantCulture, $"{Origin:N} book {book.BookId:N} {book.Kind}"),
        InstanceMessageKind.Activity => $"{Origin:N} activity",
        InstanceMessageKind.Circuits => $"{Origin:N} circuits",
        _ => throw new InvalidOperationException($"A {Kind} message without its book cannot be sent."),
    };

    /// <summary>Reads a payload; null for anything this version does not understand (say, from a newer instance).</summary>
    public static InstanceMessage? Parse(string payload)
    {
        var words = payload.Split(' ');
        if (words.Length < 2 || !Guid.TryParseExact(words[0], "N", out var origin))
        {
            return null;
        }
        return words[1] switch
        {
            "book" when words.Length == 4 && Guid.TryParseExact(words[2], "N", out var book)
                && Enum.TryParse<BookChangeKind>(words[3], out var kind) && Enum.IsDefined(kind)
                => ForBook(origin, new BookChange(book, kind)),
            "activity" when words.Length == 2 => new InstanceMessage(origin, InstanceMessageKind.Activity),
            "circuits" when words.Length == 2 => new InstanceMessage(origin, InstanceMessageKind.Circuits),
            _ => null,
        };
    }
}
