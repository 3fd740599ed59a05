namespace BlazorLedger.Features.Admin;

public static class AdminRegistration
{
    public static IServiceCollection AddAdmin(this IServiceCollection services)
    {
        services.AddScoped<SettingsService>();
        services.AddScoped<DashboardService>();
        services.AddScoped<AuditLogService>();
        services.AddScoped<UserQueries>();
        services.AddScoped<UserCommands>();
        services.AddSingleton<CircuitCounter>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CountingCircuitHandler>();
        return services;
    }
}
