namespace BlazorLedger.Features.Books;

public enum BookChangeKind
{
    Accounts,
    Transactions,
    Members,
    Rates,
}
