using BlazorLedger.Features.Instances;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>
/// Base for tests of several instances: two instances of the real app, each on its own Kestrel port, sharing one fresh
/// PostgreSQL database (dropped afterwards); both already listen to each other when a test starts.
/// </summary>
public abstract class TwoInstancesTest : IAsyncLifetime, IOnPostgres
{
    protected AppHost A { get; private set; } = default!;

    protected AppHost B { get; private set; } = default!;

    /// <summary>Settings both instances start with.</summary>
    protected virtual (string Key, string? Value)[] Settings => [];

    public async Task InitializeAsync()
    {
        A = await AppHost.OnPostgresAsync(settings: Settings);
        B = A.AddInstance();
        await Task.WhenAll(ListeningAsync(A), ListeningAsync(B)).WaitAsync(Eventually.DefaultTimeout);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
    }

    protected static Task ListeningAsync(AppHost instance) => instance.Services.GetRequiredService<NotificationRelay>().Listening;

    /// <summary>Sends a message on the instances' channel from outside them, as a further instance would.</summary>
    private protected async Task NotifyAsync(InstanceMessage message)
    {
        await using var connection = new NpgsqlConnection(A.PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = InstanceMessage.Channel });
        command.Parameters.Add(new NpgsqlParameter { Value = message.ToPayload() });
        await command.ExecuteNonQueryAsync();
    }
}
