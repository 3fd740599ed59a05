namespace BlazorLedger.Features.Transactions;

public static class TransactionsRegistration
{
    public static IServiceCollection AddTransactions(this IServiceCollection services) =>
        services.AddScoped<PostingService>().AddScoped<RegisterService>().AddScoped<TransactionListService>();
}
