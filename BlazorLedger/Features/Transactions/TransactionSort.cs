namespace BlazorLedger.Features.Transactions;

public enum TransactionSort
{
    NewestFirst,
    OldestFirst,
    DescriptionAToZ,
}
