using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorLedger.Features.Instances;

public static class InstancesRegistration
{
    /// <summary>
    /// One instance on its own database (SQLite): live updates stay in process; the circuit count and the rate limits are
    /// this process's own.
    /// </summary>
    public static IServiceCollection AddSingleInstance(this IServiceCollection services)
    {
        services.TryAddSingleton<IOtherInstances, NoOtherInstances>();
        return services;
    }

    /// <summary>
    /// Several instances on one PostgreSQL database: live updates travel with LISTEN/NOTIFY, each instance reports its
    /// circuits to a table the dashboard sums, and rate limits count in shared windows.
    /// </summary>
    public static IServiceCollection AddInstancesOnPostgres(this IServiceCollection services)
    {
        services.AddSingleton<ThisInstance>();
        services.AddSingleton<PostgresOtherInstances>();
        services.AddSingleton<IOtherInstances>(sp => sp.GetRequiredService<PostgresOtherInstances>());
        services.AddSingleton<SharedRateWindows>();
        services.AddSingleton<InstanceHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<InstanceHeartbeat>());
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        return services;
    }
}
