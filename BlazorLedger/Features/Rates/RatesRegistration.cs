namespace BlazorLedger.Features.Rates;

public static class RatesRegistration
{
    public static IServiceCollection AddRates(this IServiceCollection services) => services.AddScoped<ExchangeRateService>();
}
