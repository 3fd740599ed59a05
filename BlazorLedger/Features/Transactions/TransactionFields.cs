namespace BlazorLedger.Features.Transactions;

internal static class TransactionFields
{
    public const string Date = nameof(PostTransaction.Date);
    public const string Description = nameof(PostTransaction.Description);
    public const string Payee = nameof(PostTransaction.Payee);
    public const string Postings = nameof(PostTransaction.Postings);
    public const string IdempotencyKey = nameof(PostTransaction.IdempotencyKey);

    public static string Line(int index, string field) => $"{Postings}[{index}].{field}";
}
