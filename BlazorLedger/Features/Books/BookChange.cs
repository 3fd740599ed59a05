namespace BlazorLedger.Features.Books;

public sealed record BookChange(Guid BookId, BookChangeKind Kind);
