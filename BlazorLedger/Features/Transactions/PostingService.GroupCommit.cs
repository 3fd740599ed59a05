using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// Group commit: a single post that arrives while another is being written waits in the <see cref="PostingQueue"/>, and the
/// next writer posts everything that waited one after another in one database transaction, so that they share one durable
/// commit (on SQLite, what they add to each balance, account day and activity row is also written once for the group). Each
/// post is checked and answered exactly as if it were alone, and answered only once that commit is durable. A
/// post refused inside the group (not a member, a viewer, invalid, a retry, a conflict) writes nothing and gives its number
/// back. If anything fails part way (a balance would overflow, a key was taken meanwhile, the connection broke), the group
/// is rolled back and each of its posts is written alone, so that one post's fault is never another's.
/// </summary>
internal sealed partial class PostingService
{
    private async Task<Result<TransactionDto>> PostInGroupAsync(QueuedPost post)
    {
        var lane = queue.LaneOf(post.Command.BookId);
        if (queue.Enqueue(lane, post))
        {
            // This caller writes the lane: its own group now, then whatever queued meanwhile in the background, so that its
            // own answer does not wait for later groups.
            await WriteGroupThenPassOnAsync(lane, queue.Take(lane));
        }
        return await post.Outcome.Task;
    }

    private async Task WriteGroupThenPassOnAsync(Guid lane, List<QueuedPost> group)
    {
        try
        {
            await WriteGroupAsync(group);
        }
        finally
        {
            // Whatever happened to this group, the lane goes on, or becomes idle when nothing waits.
            var next = queue.Take(lane);
            if (next.Count > 0)
            {
                _ = Task.Run(() => WriteGroupThenPassOnAsync(lane, next));
            }
        }
    }

    /// <summary>Writes a group and answers each of its posts: a failure to write is the answer of the posts it concerns.</summary>
    private async Task WriteGroupAsync(List<QueuedPost> group)
    {
        var live = new List<QueuedPost>(group.Count);
        foreach (var post in group)
        {
            if (post.CancellationToken.IsCancellationRequested)
            {
                post.Outcome.TrySetCanceled(post.CancellationToken);
            }
            else
            {
                live.Add(post);
            }
        }
        if (live.Count == 1)
        {
            // Alone, it is posted exactly as without grouping.
            await AnswerAloneAsync(live[0]);
            return;
        }
        if (live.Count == 0)
        {
            return;
        }

        (Result<TransactionDto> Answer, Transaction? Written)[]? outcomes;
        try
        {
            // Once written together, the posts commit together, whoever of them stops waiting.
            outcomes = await DbRetry.RunAsync(WriteTogetherAsync(live), CancellationToken.None);
        }
#pragma warning disable CA1031 // Whatever failed, each post gets its own answer by being written alone.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcomes = null;
        }
        if (outcomes is null)
        {
            foreach (var post in live)
            {
                await AnswerAloneAsync(post);
            }
            return;
        }

        try
        {
            foreach (var bookId in live.Where((_, i) => outcomes[i].Written is not null).Select(p => p.Command.BookId).Distinct())
            {
                notifier.Publish(new BookChange(bookId, BookChangeKind.Transactions));
            }
            if (outcomes.Any(o => o.Written is not null))
            {
                activity.Publish();
            }
        }
        finally
        {
            for (var i = 0; i < live.Count; i++)
            {
                live[i].Outcome.TrySetResult(outcomes[i].Answer);
            }
        }
    }

    /// <summary>
    /// Posts <paramref name="posts"/> in one write transaction and commits; null, with nothing committed, when one of them
    /// could only be refused after part of it was written.
    /// </summary>
    private Func<CancellationToken, Task<(Result<TransactionDto> Answer, Transaction? Written)[]?>> WriteTogetherAsync(List<QueuedPost> posts) =>
        async ct =>
        {
            if (queue.Provider == DatabaseProvider.Sqlite)
            {
                return await sqliteWriter.RunGroupAsync(session => WriteTogetherAsync(session, posts, ct), ct);
            }
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var transaction = await db.BeginWriteTransactionAsync(ct);
            return await WriteTogetherAsync(new EfPostingSession(db, transaction.CommitAsync), posts, ct);
        };

    private async Task<(Result<TransactionDto> Answer, Transaction? Written)[]?> WriteTogetherAsync(IPostingSession session, List<QueuedPost> posts,
        CancellationToken ct)
    {
        var outcomes = new (Result<TransactionDto> Answer, Transaction? Written)[posts.Count];
        for (var i = 0; i < posts.Count; i++)
        {
            var (actor, command) = (posts[i].Actor, posts[i].Command);
            var context = await ReadForPostAsync(session, actor, command, ct);
            if (BookAccess.Deny<TransactionDto>(context.Standing, BookRole.Editor, write: true) is { } denied)
            {
                outcomes[i] = (denied, null);
            }
            else
            {
                var (result, written, spoilt) = await DecideAndWriteAsync(session, actor, command, posts[i].RequestHash, context, ct);
                if (spoilt)
                {
                    return null;
                }
                outcomes[i] = (result, written);
            }
            if (outcomes[i].Written is null && context.Number is not null)
            {
                await session.GiveBackNumberAsync(command.BookId, ct);
            }
        }
        if (outcomes.Any(o => o.Written is not null))
        {
            if (!await session.WriteTotalsAsync(ct))
            {
                // A balance would overflow on the group's way: written alone, the post that does it is refused.
                return null;
            }
            await session.CommitAsync(ct);
        }
        return outcomes;
    }

    private async Task AnswerAloneAsync(QueuedPost post)
    {
        try
        {
            post.Outcome.TrySetResult(await PostAloneAsync(post.Actor, post.Command, post.RequestHash, post.CancellationToken));
        }
        catch (OperationCanceledException) when (post.CancellationToken.IsCancellationRequested)
        {
            post.Outcome.TrySetCanceled(post.CancellationToken);
        }
#pragma warning disable CA1031 // The caller's exception, rethrown where it awaits its answer.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            post.Outcome.TrySetException(ex);
        }
    }
}
