using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>One account a <see cref="BookTemplate"/> creates, in the book's base currency.</summary>
public sealed record TemplateAccount(string Name, string? Code, AccountType Type);
