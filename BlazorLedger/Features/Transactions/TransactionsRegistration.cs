namespace BlazorLedger.Features.Transactions;

public static class TransactionsRegistration
{
    public static IServiceCollection AddTransactions(this IServiceCollection services)
    {
        // Register cursors are protected; the app's data registration decides where the keys live.
        services.AddDataProtection();
        return services.AddSingleton<PostingQueue>().AddSingleton<SqlitePostingWriter>().AddScoped<PostingService>().AddScoped<RegisterService>().AddScoped<TransactionListService>().AddScoped<PayeeService>()
            .AddScoped<VoidFlow>();
    }
}
