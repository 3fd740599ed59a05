namespace BlazorLedger.Features.Admin;

public static class AdminRegistration
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<SettingsService>();
}
