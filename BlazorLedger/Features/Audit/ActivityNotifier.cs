namespace BlazorLedger.Features.Audit;

/// <summary>"Something was recorded in the audit log": lets the admin dashboard refresh without polling.</summary>
internal sealed class ActivityNotifier
{
    public event Action? Recorded;

    public void Publish()
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
