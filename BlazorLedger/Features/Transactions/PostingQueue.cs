using BlazorLedger.Common;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Where concurrent single posts wait to be written together (group commit, see <see cref="PostingService.PostAsync"/>).
/// Posts that would queue on the same lock anyway share a lane: on SQLite the database's one write lock, so one lane; on
/// PostgreSQL the book's row lock, so a lane per book, and posts to different books still run side by side. The first post
/// to find its lane idle writes it, and whoever writes takes what has queued meanwhile as the next group.
/// </summary>
internal sealed class PostingQueue(IDbContextFactory<LedgerDbContext> dbFactory)
{
    /// <summary>Posts per group: enough to share a commit among many, few enough that the first is not kept waiting long.</summary>
    public const int MaxGroup = 64;

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, Lane> lanes = [];
    private DatabaseProvider? provider;

    /// <summary>Off, every post is written on its own, as one caller's post always is.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The database the posts are written to.</summary>
    public DatabaseProvider Provider
    {
        get
        {
            if (provider is null)
            {
                using var db = dbFactory.CreateDbContext();
                provider = db.Database.ProviderOf();
            }
            return provider.Value;
        }
    }

    public Guid LaneOf(Guid bookId) => Provider == DatabaseProvider.Sqlite ? Guid.Empty : bookId;

    /// <summary>Queues <paramref name="post"/>; true when the caller must now write the lane (see <see cref="Take"/>).</summary>
    public bool Enqueue(Guid lane, QueuedPost post)
    {
        lock (gate)
        {
            if (!lanes.TryGetValue(lane, out var queue))
            {
                lanes[lane] = queue = new Lane();
            }
            queue.Waiting.Enqueue(post);
            if (queue.Writing)
            {
                return false;
            }
            queue.Writing = true;
            return true;
        }
    }

    /// <summary>The next group for the lane's writer, oldest first; empty when nothing waits, and the lane is then idle.</summary>
    public List<QueuedPost> Take(Guid lane)
    {
        lock (gate)
        {
            var queue = lanes[lane];
            var group = new List<QueuedPost>(Math.Min(queue.Waiting.Count, MaxGroup));
            while (group.Count < MaxGroup && queue.Waiting.TryDequeue(out var post))
            {
                group.Add(post);
            }
            if (group.Count == 0)
            {
                queue.Writing = false;
                lanes.Remove(lane);
            }
            return group;
        }
    }

    /// <summary>Whether someone writes the lane, and how many posts wait for that writer.</summary>
    public (bool Writing, int Waiting) StateOf(Guid lane)
    {
        lock (gate)
        {
            return lanes.TryGetValue(lane, out var queue) ? (queue.Writing, queue.Waiting.Count) : (false, 0);
        }
    }

    private sealed class Lane
    {
        public Queue<QueuedPost> Waiting { get; } = new();
        public bool Writing { get; set; }
    }
}

/// <summary>A validated single post waiting in a <see cref="PostingQueue"/>, and the caller's outcome once its group committed.</summary>
internal sealed class QueuedPost(Actor actor, PostTransaction command, string? requestHash, CancellationToken ct)
{
    public Actor Actor { get; } = actor;
    public PostTransaction Command { get; } = command;
    public string? RequestHash { get; } = requestHash;
    public CancellationToken CancellationToken { get; } = ct;
    public TaskCompletionSource<Result<TransactionDto>> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
