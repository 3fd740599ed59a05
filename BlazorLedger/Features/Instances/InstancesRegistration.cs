using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorLedger.Features.Instances;

public static class InstancesRegistration
{
    /// <summary>One instance on its own database (SQLite): live updates stay in process; the circuit count is this process's.</summary>
    public static IServiceCollection AddSingleInstance(this IServiceCollection services)
    {
        services.TryAddSingleton<IOtherInstances, NoOtherInstances>();
        return services;
    }

    /// <summary>
    /// Several instances on one PostgreSQL database: live updates travel with LISTEN/NOTIFY, and each instance reports its
    /// circuits to a table the dashboard sums.
    /// </summary>
    public static IServiceCollection AddInstancesOnPostgres(this IServiceCollection services)
    {
        services.AddSingleton<ThisInstance>();
        services.AddSingleton<PostgresOtherInstances>();
        services.AddSingleton<IOtherInstances>(sp => sp.GetRequiredService<PostgresOtherInstances>());
        services.AddSingleton<InstanceHeartbeat>();
        services.AddHostedService(sp => sp.GetRequiredService<InstanceHeartbeat>());
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        return services;
    }
}
