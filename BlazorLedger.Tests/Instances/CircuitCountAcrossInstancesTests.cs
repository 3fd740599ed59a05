using BlazorLedger.Data;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Instances;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Instances;

/// <summary>The dashboard's live-circuit count is the sum over the instances that are alive.</summary>
public sealed class CircuitCountAcrossInstancesTests : TwoInstancesTest
{
    private static CircuitCounter Circuits(AppHost instance) => instance.Services.GetRequiredService<CircuitCounter>();

    [DbFact]
    public async Task Each_instance_counts_the_circuits_of_all_and_a_stopped_or_silent_instance_stops_counting()
    {
        Circuits(A).Add(2);
        Circuits(B).Add(3);

        await Eventually.TrueAsync(() => Circuits(A).Count == 5 && Circuits(B).Count == 5, "both instances count 2 + 3 circuits");

        // An instance that died without a word: its row was last seen longer ago than the expiry.
        await A.WithDbAsync(db =>
        {
            db.Instances.Add(new AppInstance
            {
                Id = Guid.NewGuid(), Circuits = 100, SeenAt = DateTime.UtcNow - InstanceHeartbeat.Expiry - TimeSpan.FromSeconds(5),
            });
            return db.SaveChangesAsync();
        });
        Circuits(B).Add(1);
        await Eventually.TrueAsync(() => Circuits(A).Count == 6 && Circuits(B).Count == 6, "the silent instance's circuits do not count");

        await B.DisposeAsync();
        await Eventually.TrueAsync(() => Circuits(A).Count == 2, "a stopped instance's circuits leave the sum at once");
        Assert.Equal(2, Circuits(A).Local);
    }
}
