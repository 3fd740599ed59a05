using System.Globalization;
using System.Text;
using BlazorLedger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Transactions;

/// <summary>
/// The SQL of batch posting, in portable SQL with EF's parameter mapping. On PostgreSQL many rows go in each statement: the
/// transactions, postings, audit events and imported rows of up to <see cref="ChunkSize"/> transactions in one command, values
/// shared by a batch (book, user, time) as one parameter and whole numbers as literals, so a statement stays far below the
/// parameter limit. On SQLite, which runs in the process, each table's single-row INSERT is prepared once and run per row
/// (<see cref="PreparedCommand"/>). Balances, account days and the day's activity are updated once per account and currency
/// for the whole batch.
/// </summary>
internal static class PostingBatchStore
{
    /// <summary>
    /// Rows per multi-row command. On PostgreSQL a command is a round trip, so many rows go in each. SQLite binds each
    /// parameter by name, a search through the statement's parameters: a command of n rows costs in proportion to n squared
    /// there, and a few dozen rows a command is fastest (it is used for the account days' upserts).
    /// </summary>
    public static int ChunkSize(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? 50 : 500;

    /// <summary>
    /// Keys or fingerprints per lookup. Each lookup sends its values as one array parameter (a JSON array on SQLite, an array
    /// on PostgreSQL) that the query joins to the unique index, rather than as an IN list of one parameter per value, which
    /// SQLite binds by name at a cost growing with the square of the list's length.
    /// </summary>
    private const int LookupChunk = 10_000;

    public sealed record Facts(string ActorName, IReadOnlyDictionary<string, (Guid Id, string? RequestHash)> Keys,
        IReadOnlySet<string> Fingerprints, IReadOnlyDictionary<Guid, AccountForPosting> Accounts);

    /// <summary>
    /// Reads what a batch is checked against: the actor's name, the user's transactions posted under any of
    /// <paramref name="keys"/>, which of <paramref name="fingerprints"/> the book has imported, and the accounts.
    /// Call it inside the write transaction, after the book's lock, so nothing it reads changes before the write.
    /// </summary>
    public static async Task<Facts> ReadAsync(LedgerDbContext db, string userId, Guid bookId, IReadOnlyList<string> keys,
        IReadOnlyList<string> fingerprints, IReadOnlyList<Guid> accountIds, CancellationToken ct)
    {
        var actorName = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        if (db.Database.ProviderOf() == DatabaseProvider.Postgres)
        {
            // The lookups below run as prepared statements, and PostgreSQL would soon plan them once for all: a plan made
            // while the book had imported nothing scans the whole table for each value, which a large book's next import
            // would pay for in minutes. For the rest of this transaction every statement is planned for its own values.
            await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
        }

        var posted = new Dictionary<string, (Guid, string?)>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(LookupChunk))
        {
            var rows = await db.Transactions.AsNoTracking()
                .Where(t => t.BookId == bookId && t.CreatedById == userId && EF.Parameter(chunk).Contains(t.IdempotencyKey!))
                .Select(t => new { t.IdempotencyKey, t.Id, t.RequestHash }).ToListAsync(ct);
            foreach (var row in rows)
            {
                posted[row.IdempotencyKey!] = (row.Id, row.RequestHash);
            }
        }

        var imported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in fingerprints.Chunk(LookupChunk))
        {
            imported.UnionWith(await db.ImportedRows.AsNoTracking()
                .Where(r => r.BookId == bookId && EF.Parameter(chunk).Contains(r.Fingerprint)).Select(r => r.Fingerprint).ToListAsync(ct));
        }

        var accounts = new Dictionary<Guid, AccountForPosting>();
        foreach (var chunk in accountIds.Chunk(LookupChunk))
        {
            foreach (var account in await db.Accounts.AsNoTracking().Where(a => a.BookId == bookId && chunk.Contains(a.Id))
                         .Select(a => new AccountForPosting(a.Id, a.Name, a.Currency, a.Archived)).ToListAsync(ct))
            {
                accounts[account.Id] = account;
            }
        }
        return new Facts(actorName, posted, imported, accounts);
    }

    /// <summary>
    /// Counts <paramref name="count"/> transactions on the book's counter and returns the first of their numbers (see
    /// <see cref="PostingStore.ReadAsync"/>): inside the write transaction, so a rollback gives the numbers back.
    /// </summary>
    public static async Task<long> TakeNumbersAsync(LedgerDbContext db, Guid bookId, int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return 0;
        }
        await using var results = await db.Database.ExecuteReaderRawAsync(
            """UPDATE "Books" SET "TransactionCount" = "TransactionCount" + {1} WHERE "Id" = {0} RETURNING "TransactionCount";""",
            [bookId, (long)count], ct);
        var reader = results.DbDataReader;
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("The book to number transactions in is missing.");
        }
        return reader.GetInt64(0) - count + 1;
    }

    /// <summary>
    /// Writes the transactions with their postings, the audit events, the import and its rows, and adds each account's net
    /// change to its balance and its days. Returns null, or the account whose balance or day would leave 64 bits (nothing
    /// is then valid: the caller must roll back).
    /// </summary>
    public static async Task<Guid?> WriteAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions, IReadOnlyList<AuditEvent> audits,
        ImportBatch? batch, IReadOnlyList<ImportedRow> importedRows, Func<Guid, string> currencyOf, CancellationToken ct)
    {
        if (transactions.Count == 0 && audits.Count == 0 && batch is null)
        {
            return null;
        }
        var first = transactions.Count > 0 ? transactions[0] : null;
        var bookId = batch?.BookId ?? first?.BookId ?? audits[0].BookId!.Value;
        var userId = batch?.CreatedById ?? first?.CreatedById ?? audits[0].UserId!;
        var at = batch?.CreatedAt ?? first?.CreatedAt ?? audits[0].At;

        if (batch is not null)
        {
            // Before its transactions, which refer to it.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "ImportBatches" ("Id", "BookId", "AccountId", "FileName", "Format", "Imported", "Duplicates", "CreatedById", "CreatedAt")
                VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8});
                """,
                [batch.Id, batch.BookId, batch.AccountId, batch.FileName, batch.Format, batch.Imported, batch.Duplicates, batch.CreatedById, batch.CreatedAt], ct);
        }

        var rowsOf = importedRows.ToDictionary(r => r.TransactionId);
        if (db.Database.ProviderOf() == DatabaseProvider.Sqlite)
        {
            await InsertRowByRowAsync(db, transactions, rowsOf, audits, ct);
        }
        else
        {
            await InsertInChunksAsync(db, transactions, rowsOf, audits, new Command.Common(bookId, userId, at, batch?.Id),
                ChunkSize(db.Database.ProviderOf()), ct);
        }

        if (await UpdateBalancesAsync(db, transactions, ct) is { } overflowed)
        {
            return overflowed;
        }
        if (await AddToDaysAsync(db, transactions, bookId, ct) is { } dayOverflowed)
        {
            return dayOverflowed;
        }
        await CountActivityAsync(db, transactions, bookId, at, currencyOf, ct);
        return null;
    }

    /// <summary>
    /// On SQLite: one prepared statement per table, run once per row. The database runs in the process, so a row costs a
    /// call, while a multi-row statement would be compiled afresh for each chunk.
    /// </summary>
    private static async Task InsertRowByRowAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions,
        Dictionary<Guid, ImportedRow> rowsOf, IReadOnlyList<AuditEvent> audits, CancellationToken ct)
    {
        if (transactions.Count > 0)
        {
            await using var insertTransaction = await PreparedCommand.InsertAsync(db, "Transactions",
            [
                ("Id", typeof(Guid)), ("BookId", typeof(Guid)), ("Number", typeof(long)), ("Date", typeof(DateOnly)), ("Description", typeof(string)),
                ("Payee", typeof(string)), ("IdempotencyKey", typeof(string)), ("RequestHash", typeof(string)), ("CreatedById", typeof(string)),
                ("CreatedAt", typeof(DateTime)), ("ReversesId", typeof(Guid)), ("CorrectsId", typeof(Guid)), ("ImportBatchId", typeof(Guid)),
            ], ct);
            await using var insertPosting = await PreparedCommand.InsertAsync(db, "Postings",
                [("TransactionId", typeof(Guid)), ("AccountId", typeof(Guid)), ("Date", typeof(DateOnly)), ("Amount", typeof(long)), ("Memo", typeof(string))], ct);
            await using var insertTag = transactions.All(t => t.Tags.Count == 0) ? null : await PreparedCommand.InsertAsync(db, "TransactionTags",
                [("TransactionId", typeof(Guid)), ("Tag", typeof(string)), ("BookId", typeof(Guid))], ct);
            await using var insertRow = rowsOf.Count == 0 ? null : await PreparedCommand.InsertAsync(db, "ImportedRows",
                [("BookId", typeof(Guid)), ("Fingerprint", typeof(string)), ("TransactionId", typeof(Guid)), ("BatchId", typeof(Guid))], ct);
            foreach (var t in transactions)
            {
                await insertTransaction.ExecuteAsync(ct, t.Id, t.BookId, t.Number, t.Date, t.Description, t.Payee, t.IdempotencyKey, t.RequestHash,
                    t.CreatedById, t.CreatedAt, t.ReversesId, t.CorrectsId, t.ImportBatchId);
                foreach (var posting in t.Postings)
                {
                    await insertPosting.ExecuteAsync(ct, t.Id, posting.AccountId, t.Date, posting.Amount, posting.Memo);
                }
                foreach (var tag in t.Tags)
                {
                    await insertTag!.ExecuteAsync(ct, tag.TransactionId, tag.Tag, t.BookId);
                }
                if (insertRow is not null && rowsOf.TryGetValue(t.Id, out var row))
                {
                    await insertRow.ExecuteAsync(ct, row.BookId, row.Fingerprint, row.TransactionId, row.BatchId);
                }
            }
        }
        if (audits.Count > 0)
        {
            await using var insertAudit = await PreparedCommand.InsertAsync(db, "AuditEvents",
            [
                ("At", typeof(DateTime)), ("UserId", typeof(string)), ("BookId", typeof(Guid)), ("Action", typeof(string)), ("EntityType", typeof(string)),
                ("EntityId", typeof(string)), ("Details", typeof(string)),
            ], ct);
            foreach (var audit in audits)
            {
                await insertAudit.ExecuteAsync(ct, audit.At, audit.UserId, audit.BookId, audit.Action, audit.EntityType, audit.EntityId, audit.Details);
            }
        }
    }

    /// <summary>Elsewhere: multi-row statements of <paramref name="chunkSize"/> transactions, each a round trip.</summary>
    private static async Task InsertInChunksAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions,
        Dictionary<Guid, ImportedRow> rowsOf, IReadOnlyList<AuditEvent> audits, Command.Common shared, int chunkSize, CancellationToken ct)
    {
        foreach (var chunk in transactions.Chunk(chunkSize))
        {
            var command = new Command(shared);
            command.Insert(chunk);
            command.Insert(chunk.Select(t => rowsOf.GetValueOrDefault(t.Id)).OfType<ImportedRow>().ToList());
            await command.ExecuteAsync(db, ct);
        }
        foreach (var chunk in audits.Chunk(chunkSize))
        {
            var command = new Command(shared);
            command.Insert(chunk);
            await command.ExecuteAsync(db, ct);
        }
    }

    private static async Task<Guid?> UpdateBalancesAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions, CancellationToken ct)
    {
        var deltas = new Dictionary<Guid, Int128>();
        foreach (var posting in transactions.SelectMany(t => t.Postings))
        {
            deltas[posting.AccountId] = deltas.GetValueOrDefault(posting.AccountId) + posting.Amount;
        }
        foreach (var (accountId, delta) in deltas)
        {
            if (delta == 0)
            {
                continue;
            }
            if (delta > long.MaxValue || delta < long.MinValue)
            {
                return accountId;
            }
            var change = (long)delta;
            // The guard refuses a change that would overflow 64 bits (SQLite would silently turn the integer into a float).
            var updated = await db.Database.ExecuteSqlRawAsync(change > 0
                    ? """UPDATE "Accounts" SET "Balance" = "Balance" + {0} WHERE "Id" = {1} AND "Balance" <= {2}"""
                    : """UPDATE "Accounts" SET "Balance" = "Balance" + {0} WHERE "Id" = {1} AND "Balance" >= {2}""",
                [change, accountId, change > 0 ? long.MaxValue - change : long.MinValue - change], ct);
            if (updated != 1)
            {
                return accountId;
            }
        }
        return null;
    }

    /// <summary>
    /// Each account's net change per posting date, for reports (see <see cref="AccountDay"/>): one row per account and day.
    /// Returns null, or an account whose day would leave 64 bits while its balance does not (a large day after an opposite
    /// balance): refused like the balance, and the caller must roll back.
    /// </summary>
    private static async Task<Guid?> AddToDaysAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions, Guid bookId, CancellationToken ct)
    {
        var sums = new Dictionary<(Guid Account, DateOnly Date), Int128>();
        foreach (var transaction in transactions)
        {
            foreach (var posting in transaction.Postings)
            {
                var key = (posting.AccountId, transaction.Date);
                sums[key] = sums.GetValueOrDefault(key) + posting.Amount;
            }
        }
        foreach (var ((account, _), sum) in sums)
        {
            if (sum > long.MaxValue || sum < long.MinValue)
            {
                return account;
            }
        }
        foreach (var chunk in sums.Where(d => d.Value != 0).Select(d => (d.Key.Account, d.Key.Date, Amount: (long)d.Value))
                     .Chunk(ChunkSize(db.Database.ProviderOf())))
        {
            var parameters = new List<object?> { bookId };
            var sql = new StringBuilder("""INSERT INTO "AccountDays" ("AccountId", "Date", "BookId", "Amount") VALUES""");
            for (var i = 0; i < chunk.Length; i++)
            {
                var (account, date, amount) = chunk[i];
                sql.Append(i == 0 ? "\n(" : ",\n(").Append('{').Append(parameters.Count).Append("}, {").Append(parameters.Count + 1)
                    .Append("}, {0}, ").Append(amount.ToString(CultureInfo.InvariantCulture)).Append(')');
                parameters.Add(account);
                parameters.Add(date);
            }
            // The guard leaves a day alone if adding would pass 64 bits (PostgreSQL would fail, SQLite would store a float);
            // the rows it leaves alone are missing from what the statement returns.
            sql.Append("""

                ON CONFLICT ("AccountId", "Date") DO UPDATE SET "Amount" = "AccountDays"."Amount" + excluded."Amount"
                WHERE CASE WHEN excluded."Amount" > 0 THEN "AccountDays"."Amount" <= 9223372036854775807 - excluded."Amount"
                           ELSE "AccountDays"."Amount" >= (-9223372036854775807 - 1) - excluded."Amount" END
                RETURNING "AccountId", "Date";
                """);
            var written = new HashSet<(Guid, DateOnly)>();
            await using (var results = await db.Database.ExecuteReaderRawAsync(sql.ToString(), parameters!, ct))
            {
                var reader = results.DbDataReader;
                while (await reader.ReadAsync(ct))
                {
                    written.Add((reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1)));
                }
            }
            if (written.Count < chunk.Length)
            {
                return chunk.First(d => !written.Contains((d.Account, d.Date))).Account;
            }
        }
        return null;
    }

    /// <summary>The day's activity per currency for the admin figures, as single posts count it, in the book's slot.</summary>
    private static async Task CountActivityAsync(LedgerDbContext db, IReadOnlyList<Transaction> transactions, Guid bookId, DateTime at,
        Func<Guid, string> currencyOf, CancellationToken ct)
    {
        if (transactions.Count == 0)
        {
            return;
        }
        var counts = new SortedDictionary<string, (long Transactions, long Volume)>(StringComparer.Ordinal)
        {
            [DailyActivity.AllCurrencies] = (transactions.Count, 0),
        };
        foreach (var transaction in transactions)
        {
            foreach (var group in transaction.Postings.Where(p => p.Amount > 0).GroupBy(p => currencyOf(p.AccountId)))
            {
                var (count, volume) = counts.GetValueOrDefault(group.Key);
                // Volumes are statistics: saturate rather than fail a post over them.
                counts[group.Key] = (count + 1, group.Aggregate(volume, (sum, p) => DailyActivity.AddVolume(sum, p.Amount)));
            }
        }
        var day = DateOnly.FromDateTime(at);
        var slot = DailyActivity.SlotOf(bookId);
        foreach (var (currency, (count, volume)) in counts)
        {
            await db.Database.ExecuteSqlRawAsync($$"""
                INSERT INTO "DailyActivity" ("Day", "Currency", "Slot", "Transactions", "Volume") VALUES ({0}, {1}, {2}, {3}, {4})
                ON CONFLICT ("Day", "Currency", "Slot") DO UPDATE SET "Transactions" = "DailyActivity"."Transactions" + excluded."Transactions",
                {{DailyActivity.AddVolumeSql}};
                """, [day, currency, slot, count, volume], ct);
        }
    }

    /// <summary>One command of multi-row INSERTs, sharing the parameters every row has in common.</summary>
    private sealed class Command
    {
        private readonly StringBuilder sql = new();
        private readonly List<object?> parameters;
        private readonly Dictionary<object, int> shared = [];

        /// <summary>The values every row of a batch has in common.</summary>
        public sealed record Common(Guid BookId, string UserId, DateTime At, Guid? BatchId);

        public Command(Common shared) => parameters = [shared.BookId, shared.UserId, shared.At, shared.BatchId];

        private const string Book = "{0}", User = "{1}", At = "{2}", Batch = "{3}";

        public void Insert(Transaction[] transactions)
        {
            if (transactions.Length == 0)
            {
                return;
            }
            sql.Append("""INSERT INTO "Transactions" ("Id", "BookId", "Number", "Date", "Description", "Payee", "IdempotencyKey", "RequestHash", "CreatedById", "CreatedAt", "ReversesId", "CorrectsId", "ImportBatchId") VALUES""");
            var postings = new StringBuilder("""INSERT INTO "Postings" ("TransactionId", "AccountId", "Date", "Amount", "Memo") VALUES""");
            for (var i = 0; i < transactions.Length; i++)
            {
                var t = transactions[i];
                var id = Shared(t.Id);
                var date = Shared(t.Date);
                sql.Append(i == 0 ? "\n(" : ",\n(").Append(id).Append(", ").Append(Book).Append(", ")
                    .Append(t.Number.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(date).Append(", ")
                    .Append(Value(t.Description)).Append(", ").Append(Value(t.Payee)).Append(", ").Append(Value(t.IdempotencyKey)).Append(", ")
                    .Append(Value(t.RequestHash)).Append(", ").Append(User).Append(", ").Append(At).Append(", ")
                    .Append(Value(t.ReversesId)).Append(", ").Append(Value(t.CorrectsId)).Append(", ")
                    .Append(t.ImportBatchId is null ? "NULL" : Batch).Append(')');
                for (var p = 0; p < t.Postings.Count; p++)
                {
                    var posting = t.Postings[p];
                    postings.Append(i == 0 && p == 0 ? "\n(" : ",\n(").Append(id).Append(", ").Append(Shared(posting.AccountId)).Append(", ")
                        .Append(date).Append(", ").Append(posting.Amount.ToString(CultureInfo.InvariantCulture)).Append(", ")
                        .Append(Value(posting.Memo)).Append(')');
                }
            }
            sql.Append(";\n").Append(postings).Append(";\n");
            var tagged = transactions.Where(t => t.Tags.Count > 0).ToList();
            if (tagged.Count > 0)
            {
                sql.Append("""INSERT INTO "TransactionTags" ("TransactionId", "Tag", "BookId") VALUES""");
                var first = true;
                foreach (var tag in tagged.SelectMany(t => t.Tags))
                {
                    sql.Append(first ? "\n(" : ",\n(").Append(Shared(tag.TransactionId)).Append(", ").Append(Shared(tag.Tag)).Append(", ")
                        .Append(Book).Append(')');
                    first = false;
                }
                sql.Append(";\n");
            }
        }

        public void Insert(List<ImportedRow> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }
            sql.Append("""INSERT INTO "ImportedRows" ("BookId", "Fingerprint", "TransactionId", "BatchId") VALUES""");
            for (var i = 0; i < rows.Count; i++)
            {
                sql.Append(i == 0 ? "\n(" : ",\n(").Append(Book).Append(", ").Append(Value(rows[i].Fingerprint)).Append(", ")
                    .Append(Shared(rows[i].TransactionId)).Append(", ").Append(Batch).Append(')');
            }
            sql.Append(";\n");
        }

        public void Insert(AuditEvent[] audits)
        {
            if (audits.Length == 0)
            {
                return;
            }
            sql.Append("""INSERT INTO "AuditEvents" ("At", "UserId", "BookId", "Action", "EntityType", "EntityId", "Details") VALUES""");
            for (var i = 0; i < audits.Length; i++)
            {
                var audit = audits[i];
                sql.Append(i == 0 ? "\n(" : ",\n(").Append(At).Append(", ").Append(User).Append(", ").Append(Book).Append(", ")
                    .Append(Shared(audit.Action)).Append(", ").Append(Shared(audit.EntityType)).Append(", ").Append(Value(audit.EntityId))
                    .Append(", ").Append(Value(audit.Details)).Append(')');
            }
            sql.Append(";\n");
        }

        public Task<int> ExecuteAsync(LedgerDbContext db, CancellationToken ct) =>
            sql.Length == 0 ? Task.FromResult(0) : db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters!, ct);

        private string Value(object? value)
        {
            if (value is null)
            {
                return "NULL";
            }
            parameters.Add(value);
            return "{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        /// <summary>A value many rows repeat (a date, an account, a transaction's id): one parameter for all of them.</summary>
        private string Shared(object value)
        {
            if (!shared.TryGetValue(value, out var index))
            {
                shared[value] = index = parameters.Count;
                parameters.Add(value);
            }
            return "{" + index.ToString(CultureInfo.InvariantCulture) + "}";
        }
    }
}
