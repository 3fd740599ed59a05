namespace BlazorLedger.Features.Accounts;

public static class AccountsRegistration
{
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddScoped<AccountService>();
}
