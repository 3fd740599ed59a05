namespace BlazorLedger.Features.Users;

public sealed record DeletedUser(string UserId, string? Email, int BooksDeleted, int BooksHandedOver);
