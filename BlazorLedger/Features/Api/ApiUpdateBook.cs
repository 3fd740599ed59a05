namespace BlazorLedger.Features.Api;

/// <summary>What to change in a book: a new name, and/or archived (true archives it, read-only; false takes it out). Omitted fields stay.</summary>
public sealed record ApiUpdateBook(string? Name, bool? Archived);
