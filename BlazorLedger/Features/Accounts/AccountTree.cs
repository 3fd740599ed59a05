using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Accounts;

/// <summary>
/// Accounts under parents: each parent has the type of its sub-accounts, and no account is its own ancestor. A parent's
/// roll-up is its own balance plus all its descendants', per currency (sub-accounts may hold other currencies).
/// </summary>
public static class AccountTree
{
    /// <summary>The deepest a chart may nest; far beyond any real one, it keeps walks and indents bounded.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// One account in the chart, with its depth and its roll-up per currency in stored (debit-positive) minor units: in 128
    /// bits, because each balance fits in 64 but a sum of several may not.
    /// </summary>
    public sealed record Node(AccountDto Account, int Depth, IReadOnlyDictionary<string, Int128> RollUp, bool HasChildren);

    /// <summary>
    /// The accounts in tree order: each parent followed by its sub-accounts, in the order <paramref name="accounts"/> lists them.
    /// An account whose parent is not in the list (archived and hidden) starts a tree of its own.
    /// </summary>
    public static IReadOnlyList<Node> Build(IReadOnlyList<AccountDto> accounts)
    {
        var ids = accounts.Select(a => a.Id).ToHashSet();
        var children = accounts.Where(a => a.ParentId is { } p && ids.Contains(p)).ToLookup(a => a.ParentId!.Value);
        var nodes = new List<Node>(accounts.Count);
        var visited = new HashSet<Guid>();

        Dictionary<string, Int128> Visit(AccountDto account, int depth)
        {
            var index = nodes.Count;
            nodes.Add(null!);
            var rollUp = new Dictionary<string, Int128>(StringComparer.Ordinal) { [account.Currency] = account.Balance };
            foreach (var child in children[account.Id])
            {
                if (!visited.Add(child.Id))
                {
                    continue;
                }
                foreach (var (currency, sum) in Visit(child, depth + 1))
                {
                    rollUp[currency] = rollUp.GetValueOrDefault(currency) + sum;
                }
            }
            nodes[index] = new Node(account, depth, rollUp, children[account.Id].Any());
            return rollUp;
        }

        foreach (var root in accounts.Where(a => a.ParentId is not { } p || !ids.Contains(p)))
        {
            if (visited.Add(root.Id))
            {
                Visit(root, 0);
            }
        }
        return nodes;
    }

    /// <summary>The account and all its descendants, from the book's (Id, ParentId) pairs.</summary>
    public static IReadOnlyList<Guid> Subtree(Guid root, IEnumerable<(Guid Id, Guid? ParentId)> chart)
    {
        var children = chart.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value, a => a.Id);
        var found = new List<Guid> { root };
        var seen = new HashSet<Guid> { root };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var child in children[found[i]])
            {
                if (seen.Add(child))
                {
                    found.Add(child);
                }
            }
        }
        return found;
    }

    /// <summary>
    /// Why <paramref name="parentId"/> cannot be the parent of <paramref name="accountId"/> (null for a new account) of
    /// <paramref name="type"/>: it must be another account of the book, of the same type, open, and not one of the account's
    /// own descendants; the tree may not grow deeper than <see cref="MaxDepth"/>. Null when it can.
    /// </summary>
    internal static async Task<string?> ParentProblemAsync(LedgerDbContext db, Guid bookId, Guid? accountId, AccountType type, Guid parentId,
        CancellationToken ct)
    {
        if (parentId == accountId)
        {
            return "An account cannot be its own parent.";
        }
        var chart = await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId)
            .Select(a => new { a.Id, a.ParentId, a.Type, a.Name, a.Archived }).ToDictionaryAsync(a => a.Id, ct);
        if (!chart.TryGetValue(parentId, out var parent))
        {
            return "The parent account does not exist in this book.";
        }
        if (parent.Type != type)
        {
            return $"A parent has the type of its sub-accounts: \"{parent.Name}\" is {AccountPresentation.TypeLabel(parent.Type)}, not {AccountPresentation.TypeLabel(type)}.";
        }
        if (parent.Archived)
        {
            return $"\"{parent.Name}\" is archived: restore it first, or choose another parent.";
        }
        // The new place's level: 1 under a top-level parent, counted up the parent's ancestors.
        var depth = 1;
        for (Guid? at = parentId; at is { } current; at = chart.GetValueOrDefault(current)?.ParentId, depth++)
        {
            if (current == accountId)
            {
                return $"\"{parent.Name}\" is a sub-account of this account, so it cannot be its parent.";
            }
            if (depth > MaxDepth)
            {
                return $"Accounts nest at most {MaxDepth} levels deep.";
            }
        }
        if (accountId is { } id)
        {
            depth += Height(id, chart.Values.Select(a => (a.Id, a.ParentId)));
        }
        return depth > MaxDepth ? $"Accounts nest at most {MaxDepth} levels deep." : null;
    }

    /// <summary>Levels below <paramref name="id"/>: 0 for an account without sub-accounts.</summary>
    private static int Height(Guid id, IEnumerable<(Guid Id, Guid? ParentId)> chart)
    {
        var children = chart.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value, a => a.Id);
        var level = new List<Guid> { id };
        var height = 0;
        while (height <= MaxDepth)
        {
            level = level.SelectMany(c => children[c]).ToList();
            if (level.Count == 0)
            {
                return height;
            }
            height++;
        }
        return height;
    }
}
