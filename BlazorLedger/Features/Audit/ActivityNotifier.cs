using BlazorLedger.Features.Instances;

namespace BlazorLedger.Features.Audit;

/// <summary>
/// "Something was recorded in the audit log": lets the admin dashboard refresh without polling, on this instance and
/// (through <see cref="IOtherInstances"/>) on the others.
/// </summary>
internal sealed class ActivityNotifier(IOtherInstances others)
{
    public event Action? Recorded;

    /// <summary>Activity recorded here, after it committed.</summary>
    public void Publish()
    {
        Deliver();
        others.ActivityRecorded();
    }

    /// <summary>Tells this instance's subscribers only.</summary>
    public void Deliver()
    {
        foreach (var handler in Recorded?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action)handler)();
            }
            catch (Exception)
            {
                // A subscriber going away must not fail the write that succeeded.
            }
        }
    }
}
