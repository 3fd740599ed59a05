namespace BlazorLedger.Features.Schedules;

/// <summary>
/// Posts the schedules' due occurrences at start and then every <see cref="ScheduleOptions.Interval"/>. Every instance runs
/// one; they need no coordination, since each occurrence posts once by its idempotency key whoever reaches it first.
/// </summary>
internal sealed class ScheduleRunner(IServiceScopeFactory scopes, ScheduleOptions options, ILogger<ScheduleRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var run = await scope.ServiceProvider.GetRequiredService<ScheduleService>().PostDueAsync(stoppingToken);
                if (run.Posted + run.Stopped > 0)
                {
                    logger.LogInformation("Schedules: {Posted} occurrences posted, {Stopped} schedules stopped", run.Posted, run.Stopped);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next tick tries again; nothing was half posted (each occurrence is its own database transaction).
                logger.LogError(ex, "Posting the due schedules failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

public sealed class ScheduleOptions
{
    /// <summary>How often due occurrences are looked for (setting <c>Schedules:IntervalSeconds</c>, 5 to 86,400; 60 by default).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether this instance runs the schedules at all (setting <c>Schedules:Run</c>, true by default).</summary>
    public bool Run { get; init; } = true;
}

public static class SchedulesRegistration
{
    public static IServiceCollection AddSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = Math.Clamp(configuration.GetValue("Schedules:IntervalSeconds", 60), 5, 86_400);
        var options = new ScheduleOptions { Interval = TimeSpan.FromSeconds(seconds), Run = configuration.GetValue("Schedules:Run", true) };
        services.AddSingleton(options).AddScoped<ScheduleService>();
        if (options.Run)
        {
            services.AddHostedService<ScheduleRunner>();
        }
        return services;
    }
}
