using System.Data.Common;
using System.Runtime.CompilerServices;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorLedger.Features.Audit;

/// <summary>
/// Publishes activity whenever a save through EF added audit events (raw-SQL writers publish themselves), once the events
/// are committed: at once for a save on its own, at the commit for a save inside a transaction. Another instance that
/// hears of it earlier would read the dashboard before the change is there.
/// </summary>
internal sealed class AuditSaveInterceptor(ActivityNotifier notifier) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, object> audited = [];

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

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (audited.Remove(transaction))
        {
            notifier.Publish();
        }
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => audited.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        audited.Remove(transaction);
        return Task.CompletedTask;
    }

    private void PublishIfAudited(DbContext? context)
    {
        // After a save, added entries are Unchanged; the audit events of this unit of work are still tracked.
        if (context?.ChangeTracker.Entries<AuditEvent>().Any() != true)
        {
            return;
        }
        if (context.Database.CurrentTransaction is { } transaction)
        {
            audited.AddOrUpdate(transaction.GetDbTransaction(), transaction);
        }
        else
        {
            notifier.Publish();
        }
    }
}
