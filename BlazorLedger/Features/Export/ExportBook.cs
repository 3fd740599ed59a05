namespace BlazorLedger.Features.Export;

/// <summary>
/// What a journal says before its transactions: the book, its accounts, and <paramref name="OpenedOn"/>, a date on or before
/// every transaction (when the accounts are opened in formats that need it).
/// </summary>
public sealed record ExportBook(string Name, string BaseCurrency, IReadOnlyList<ExportAccount> Accounts, DateOnly OpenedOn);
