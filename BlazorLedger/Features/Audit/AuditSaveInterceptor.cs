using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorLedger.Features.Audit;

/// <summary>Publishes activity whenever a save through EF added audit events (raw-SQL writers publish themselves).</summary>
internal sealed class AuditSaveInterceptor(ActivityNotifier notifier) : SaveChangesInterceptor
{
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        PublishIfAudited(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishIfAudited(eventData.Context);
        return result;
    }

    private void PublishIfAudited(DbContext? context)
    {
        // After a save, added entries are Unchanged; the audit events of this unit of work are still tracked.
        if (context?.ChangeTracker.Entries<AuditEvent>().Any() == true)
        {
            notifier.Publish();
        }
    }
}
