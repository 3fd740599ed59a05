namespace BlazorLedger.Features.Admin;

public sealed record BusyBook(string Name, int Transactions);
