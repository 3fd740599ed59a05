using System.Security.Claims;

namespace BlazorLedger.Common;

/// <summary>
/// The signed-in user a service call acts for. Services check book membership and role against it. <paramref name="OnlyBook"/>
/// is set for an API token limited to one book: the caller then reaches that book alone, as if it were their only one.
/// </summary>
public sealed record Actor(string UserId, Guid? OnlyBook = null)
{
    /// <summary>The claim that carries <see cref="OnlyBook"/>.</summary>
    public const string OnlyBookClaim = "only_book";

    public static Actor? FromPrincipal(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } id
            ? new Actor(id, Guid.TryParse(principal.FindFirstValue(OnlyBookClaim), out var book) ? book : null)
            : null;

    /// <summary>Whether the caller may reach <paramref name="bookId"/> at all (membership is checked apart).</summary>
    public bool Reaches(Guid bookId) => OnlyBook is not { } only || only == bookId;

    /// <summary>What a caller limited to one book is told when it tries what reaches beyond it.</summary>
    public const string LimitedMessage = "This token is limited to one book; it cannot do what reaches beyond that book.";
}
