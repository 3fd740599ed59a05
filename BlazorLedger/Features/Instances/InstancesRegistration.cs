using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BlazorLedger.Features.Instances;

public static class InstancesRegistration
{
    /// <summary>One instance on its own database (SQLite): live updates stay in process.</summary>
    public static IServiceCollection AddSingleInstance(this IServiceCollection services)
    {
        services.TryAddSingleton<IOtherInstances, NoOtherInstances>();
        return services;
    }

    /// <summary>Several instances on one PostgreSQL database: live updates travel with LISTEN/NOTIFY.</summary>
    public static IServiceCollection AddInstancesOnPostgres(this IServiceCollection services)
    {
        services.AddSingleton<ThisInstance>();
        services.AddSingleton<PostgresOtherInstances>();
        services.AddSingleton<IOtherInstances>(sp => sp.GetRequiredService<PostgresOtherInstances>());
        services.AddSingleton<NotificationRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationRelay>());
        return services;
    }
}
