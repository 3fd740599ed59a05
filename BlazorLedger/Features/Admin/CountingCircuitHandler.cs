using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BlazorLedger.Features.Admin;

internal sealed class CountingCircuitHandler(CircuitCounter counter) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Add(-1);
        return Task.CompletedTask;
    }
}
