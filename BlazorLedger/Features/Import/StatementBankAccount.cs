namespace BlazorLedger.Features.Import;

/// <summary>The bank's own account as a statement names it (OFX BANKACCTFROM or CCACCTFROM), so the page can show and remember it.</summary>
public sealed record StatementBankAccount(string? BankId, string AccountNumber, string Kind);
