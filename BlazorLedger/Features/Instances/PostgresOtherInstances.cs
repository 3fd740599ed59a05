using System.Threading.Channels;
using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Instances;

/// <summary>
/// Queues what changed here for the other instances; <see cref="NotificationRelay"/> sends it with <c>pg_notify</c>. The
/// queue is bounded: if the database is unreachable for long, the oldest updates are dropped (pages still show the
/// changes on their next load) rather than memory growing.
/// </summary>
internal sealed class PostgresOtherInstances(ThisInstance instance) : IOtherInstances
{
    private readonly Channel<string> queue = Channel.CreateBounded<string>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ChannelReader<string> Outgoing => queue.Reader;

    public void BookChanged(BookChange change) => queue.Writer.TryWrite(InstanceMessage.ForBook(instance.Id, change).ToPayload());

    public void ActivityRecorded() => queue.Writer.TryWrite(new InstanceMessage(instance.Id, InstanceMessageKind.Activity).ToPayload());
}
