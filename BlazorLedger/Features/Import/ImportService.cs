using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Import;

/// <summary>
/// Bank statements into a book, exactly once: a preview that marks each row new, already imported or unreadable and proposes
/// the other account for it; the import itself, one batch posted by <see cref="PostingService.PostManyAsync"/>; the book's past
/// imports, and undoing one. For the book's owners and editors.
/// </summary>
internal sealed class ImportService(IDbContextFactory<LedgerDbContext> dbFactory, PostingService postings, ColumnMappingService mappings,
    TimeProvider clock)
{
    /// <summary>How many values one <c>IN</c> list carries: well under every provider's limit on parameters.</summary>
    private const int Chunk = 500;

    /// <summary>How many past imports the page lists.</summary>
    public const int ListedImports = 100;

    public async Task<Result<ImportPreview>> PreviewAsync(Actor actor, PreviewImport command, CancellationToken ct = default)
    {
        var content = command.Content ?? [];
        if (content.LongLength > ImportLimits.MaxFileBytes)
        {
            return Result<ImportPreview>.Invalid(nameof(PreviewImport.Content), ImportLimits.TooLarge(content.LongLength));
        }
        if (content.Length == 0)
        {
            return Result<ImportPreview>.Invalid(nameof(PreviewImport.Content), "The file is empty.");
        }

        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: false, async session =>
        {
            var db = session.Db;
            var accounts = await OpenAccountsAsync(db, command.BookId, ct);
            if (!accounts.TryGetValue(command.AccountId, out var account))
            {
                return Result<ImportPreview>.Invalid(nameof(PreviewImport.AccountId), await AccountProblemAsync(db, command.BookId, command.AccountId, ct));
            }
            var others = accounts.Values.Where(a => a.Id != account.Id && a.Currency == account.Currency)
                .OrderBy(a => a.Code ?? a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)
                .ToList();

            var format = StatementReader.FormatOf(content);
            var mapping = command.Mapping;
            var remembered = false;
            CsvPreview? csv = null;
            if (format == StatementFormat.Csv && mapping is null)
            {
                var json = await db.ImportColumnMappings.AsNoTracking()
                    .Where(m => m.AccountId == account.Id && m.BookId == command.BookId).Select(m => m.Mapping).FirstOrDefaultAsync(ct);
                mapping = json is null ? null : ColumnMappingService.Deserialize(json);
                remembered = mapping is not null;
            }
            // Reading a large file takes a moment of CPU: off the caller's thread, so that a page stays responsive meanwhile.
            var statementAccount = new StatementAccount(account.Id, account.Currency);
            var parsed = await Task.Run(() =>
            {
                if (format == StatementFormat.Ofx)
                {
                    return OfxStatementReader.Read(content, statementAccount);
                }
                csv = CsvStatementReader.Inspect(content, mapping?.Delimiter, mapping?.HasHeader, mapping?.SkipRows);
                mapping ??= csv.Suggested;
                return mapping is not null ? CsvStatementReader.Read(content, mapping, statementAccount)
                    : ParsedStatement.Failed(StatementFormat.Csv, csv.Encoding, csv.Errors.Count > 0 ? csv.Errors[0].Message
                        : csv.SampleRows.Count == 0 ? "The file has no rows to import."
                        : "The date and amount columns could not be recognised: choose them.");
            }, ct);

            var preview = new ImportPreview
            {
                Format = format, Encoding = parsed.Encoding, Account = account, OtherAccounts = others, Csv = csv, Mapping = mapping,
                MappingRemembered = remembered, DateFormat = parsed.DateFormat, NumberFormat = parsed.NumberFormat,
                FileErrors = FileErrorsOf(parsed), DateChoices = parsed.DateChoices, NumberChoices = parsed.NumberChoices,
                BankAccount = parsed.BankAccount,
            };
            if (preview.FileFailed)
            {
                return Result<ImportPreview>.Ok(preview);
            }
            return Result<ImportPreview>.Ok(preview with
            {
                Rows = await MarkRowsAsync(db, actor, command.BookId, account.Id, parsed, mapping, others.Select(o => o.Id).ToHashSet(), ct),
            });
        }, ct);
    }

    /// <summary>How many of a file's errors are told when none of its rows could be read.</summary>
    private const int ToldErrors = 10;

    /// <summary>
    /// What is wrong with the file as a whole: its file-level errors, or, when not one row could be read (an OFX file broken in
    /// its structure, a CSV file read with the wrong columns), the first of its errors: there is no preview to show them in.
    /// </summary>
    private static List<StatementError> FileErrorsOf(ParsedStatement parsed)
    {
        var file = parsed.Errors.Where(e => e.Line == 0).ToList();
        if (file.Count > 0 || parsed.Rows.Count > 0 || parsed.Errors.Count == 0)
        {
            return file;
        }
        var told = parsed.Errors.Take(ToldErrors).ToList();
        if (parsed.Errors.Count > ToldErrors)
        {
            told.Add(StatementError.File($"… and {parsed.Errors.Count - ToldErrors} more lines could not be read. Check the columns and formats."));
        }
        return told;
    }

    /// <summary>Every row of the file, in file order: unreadable ones with their error, read ones as new or duplicate.</summary>
    private async Task<IReadOnlyList<PreviewRow>> MarkRowsAsync(LedgerDbContext db, Actor actor, Guid bookId, Guid accountId, ParsedStatement parsed,
        CsvMapping? mapping, IReadOnlySet<Guid> eligible, CancellationToken ct)
    {
        var rows = new List<PreviewRow>(parsed.Rows.Count + parsed.Errors.Count);
        rows.AddRange(parsed.Errors.Where(e => e.Line > 0).Select(e => new PreviewRow(e.Line, PreviewRowState.Invalid, null, e)));

        var latest = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddYears(1);
        var amountColumn = mapping is null ? 0 : (mapping.AmountColumn ?? mapping.DebitColumn ?? mapping.CreditColumn ?? -1) + 1;
        var dateColumn = mapping is null ? 0 : mapping.DateColumn + 1;
        var readable = new List<StatementRow>();
        foreach (var row in parsed.Rows)
        {
            // What posting would refuse is said here, against the row, rather than failing the whole import later.
            if (row.Amount == 0)
            {
                rows.Add(new PreviewRow(row.Line, PreviewRowState.Invalid, row,
                    new StatementError(row.Line, amountColumn, "The amount is zero: there is nothing to post.")));
            }
            else if (row.Date > latest)
            {
                rows.Add(new PreviewRow(row.Line, PreviewRowState.Invalid, row,
                    new StatementError(row.Line, dateColumn, $"{row.Date:yyyy-MM-dd} is more than a year ahead.")));
            }
            else
            {
                readable.Add(row);
            }
        }

        var imported = new Dictionary<string, (Guid Id, long Number)>(StringComparer.Ordinal);
        foreach (var chunk in readable.Select(r => r.Fingerprint).Chunk(Chunk))
        {
            var found = await db.ImportedRows.AsNoTracking()
                .Where(r => r.BookId == bookId && chunk.Contains(r.Fingerprint))
                .Join(db.Transactions, r => r.TransactionId, t => t.Id, (r, t) => new { r.Fingerprint, t.Id, t.Number })
                .ToListAsync(ct);
            foreach (var hit in found)
            {
                imported[hit.Fingerprint] = (hit.Id, hit.Number);
            }
        }

        var fresh = readable.Where(r => !imported.ContainsKey(r.Fingerprint)).ToList();
        var rules = new ImportRuleSet(await ImportRuleService.ListAsync(db, bookId, ct));
        var memory = await RememberedAsync(db, actor, bookId, fresh.Select(r => PayeeKey.Of(r.Description, r.Payee)), ct);
        var scheduled = await MatchSchedulesAsync(db, bookId, accountId, fresh, eligible, ct);
        foreach (var row in readable)
        {
            if (imported.TryGetValue(row.Fingerprint, out var earlier))
            {
                rows.Add(new PreviewRow(row.Line, PreviewRowState.Duplicate, row, DuplicateOfNumber: earlier.Number, DuplicateOfId: earlier.Id));
                continue;
            }
            var rule = rules.Match(row.Description, row.Payee);
            var remembered = memory.TryGetValue(PayeeKey.Of(row.Description, row.Payee), out var known) ? known : (Guid?)null;
            var suggestion = OtherAccountSuggestion.For(rule, remembered, row.Payee, eligible);
            if (scheduled.TryGetValue(row.Fingerprint, out var match))
            {
                rows.Add(new PreviewRow(row.Line, match.IsPosted ? PreviewRowState.Matched : PreviewRowState.New, row, Rule: rule,
                    RememberedAccountId: remembered, Suggestion: suggestion with { AccountId = match.OtherAccountId, Source = SuggestionSource.Schedule },
                    Schedule: match));
                continue;
            }
            rows.Add(new PreviewRow(row.Line, PreviewRowState.New, row, Rule: rule, RememberedAccountId: remembered, Suggestion: suggestion));
        }
        return rows.OrderBy(r => r.Line).ToList();
    }

    /// <summary>How many occurrences of one schedule the preview considers: a daily schedule over years of statement is plenty.</summary>
    private const int MaxOccurrencesPerSchedule = 5_000;

    /// <summary>
    /// The scheduled occurrence each of <paramref name="fresh"/>'s rows stands for (by fingerprint), see <see cref="ScheduleMatching"/>.
    /// Candidates are the occurrences of the book's transfer schedules between the statement's account and an account a row can
    /// be posted against, dated within the window of the rows: posted by their schedule and not yet linked to a row, or not
    /// posted and not left out (skipped) by a person, and not stood for by an earlier import. Each occurrence goes to one row
    /// and each row to one occurrence, the nearest in date first, then the nearest in amount.
    /// </summary>
    private static async Task<Dictionary<string, ScheduleMatch>> MatchSchedulesAsync(LedgerDbContext db, Guid bookId, Guid accountId,
        List<StatementRow> fresh, IReadOnlySet<Guid> eligible, CancellationToken ct)
    {
        var found = new Dictionary<string, ScheduleMatch>(StringComparer.Ordinal);
        if (fresh.Count == 0)
        {
            return found;
        }
        var schedules = await db.Schedules.AsNoTracking().Include(s => s.Lines)
            .Where(s => s.BookId == bookId && s.Lines.Any(l => l.AccountId == accountId)).ToListAsync(ct);
        var from = fresh.Min(r => r.Date).AddDays(-ScheduleMatching.WindowDays);
        var until = fresh.Max(r => r.Date).AddDays(ScheduleMatching.WindowDays);
        var candidates = new List<(Schedule Schedule, int Index, DateOnly Date, long Amount, Guid Other, string Key)>();
        foreach (var schedule in schedules)
        {
            if (ScheduleMatching.TransferOf(schedule.Lines, accountId) is not { } transfer || !eligible.Contains(transfer.OtherAccountId))
            {
                continue;
            }
            candidates.AddRange(Recurrence.Of(schedule).Until(0, until).Where(o => o.Date >= from).Take(MaxOccurrencesPerSchedule)
                .Select(o => (schedule, o.Index, o.Date, transfer.Amount, transfer.OtherAccountId, ScheduleService.KeyFor(schedule.Id, o.Date))));
        }
        if (candidates.Count == 0)
        {
            return found;
        }

        var posted = new Dictionary<string, (Guid Id, long Number, string MakerId)>(StringComparer.Ordinal);
        foreach (var chunk in candidates.Select(c => c.Key).Chunk(Chunk))
        {
            foreach (var hit in await db.Transactions.AsNoTracking().Where(t => t.BookId == bookId && chunk.Contains(t.IdempotencyKey!))
                         .Select(t => new { t.IdempotencyKey, t.Id, t.Number, t.CreatedById }).ToListAsync(ct))
            {
                posted[hit.IdempotencyKey!] = (hit.Id, hit.Number, hit.CreatedById);
            }
        }
        var postedIds = posted.Values.Select(p => p.Id).ToList();
        var linked = new HashSet<Guid>();
        foreach (var chunk in postedIds.Chunk(Chunk))
        {
            linked.UnionWith(await db.ImportedRows.AsNoTracking().Where(r => r.BookId == bookId && chunk.Contains(r.TransactionId))
                .Select(r => r.TransactionId).ToListAsync(ct));
        }
        var scheduleIds = candidates.Select(c => c.Schedule.Id).Distinct().ToList();
        var matched = (await db.MatchedOccurrences.AsNoTracking().Where(m => m.BookId == bookId && scheduleIds.Contains(m.ScheduleId))
            .Select(m => new { m.ScheduleId, m.Date }).ToListAsync(ct)).Select(m => (m.ScheduleId, m.Date)).ToHashSet();

        var open = new List<(ScheduleMatch Match, long Amount)>();
        foreach (var c in candidates)
        {
            if (matched.Contains((c.Schedule.Id, c.Date)))
            {
                continue;
            }
            if (posted.TryGetValue(c.Key, out var transaction) && transaction.MakerId == c.Schedule.CreatedById)
            {
                if (!linked.Contains(transaction.Id))
                {
                    open.Add((new ScheduleMatch(c.Schedule.Id, c.Schedule.Description, c.Date, c.Index, c.Other, transaction.Id, transaction.Number), c.Amount));
                }
            }
            else if (c.Index >= c.Schedule.NextIndex)
            {
                open.Add((new ScheduleMatch(c.Schedule.Id, c.Schedule.Description, c.Date, c.Index, c.Other), c.Amount));
            }
        }

        var pairs = fresh.SelectMany(row => open
                .Where(o => ScheduleMatching.WithinWindow(o.Match.Date, row.Date) && ScheduleMatching.AmountMatches(o.Amount, row.Amount, o.Match.IsPosted))
                .Select(o => (Row: row, o.Match, Days: Math.Abs(row.Date.DayNumber - o.Match.Date.DayNumber),
                    Difference: Int128.Abs((Int128)row.Amount - o.Amount))))
            .OrderBy(p => p.Days).ThenBy(p => p.Difference).ThenBy(p => p.Row.Line).ThenBy(p => p.Match.Date);
        var taken = new HashSet<(Guid, DateOnly)>();
        foreach (var pair in pairs)
        {
            if (!found.ContainsKey(pair.Row.Fingerprint) && !taken.Contains((pair.Match.ScheduleId, pair.Match.Date)))
            {
                taken.Add((pair.Match.ScheduleId, pair.Match.Date));
                found[pair.Row.Fingerprint] = pair.Match;
            }
        }
        return found;
    }

    private static async Task<Dictionary<string, Guid>> RememberedAsync(LedgerDbContext db, Actor actor, Guid bookId, IEnumerable<string> keys,
        CancellationToken ct)
    {
        var remembered = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(Chunk))
        {
            var found = await db.PayeeAccounts.AsNoTracking()
                .Where(p => p.BookId == bookId && p.UserId == actor.UserId && chunk.Contains(p.PayeeKey))
                .Select(p => new { p.PayeeKey, p.AccountId })
                .ToListAsync(ct);
            foreach (var hit in found)
            {
                remembered[hit.PayeeKey] = hit.AccountId;
            }
        }
        return remembered;
    }

    /// <summary>
    /// Posts the rows as one import. Every row must have its other account, open and in the statement's currency; otherwise
    /// nothing is posted and each such row is named. Rows imported meanwhile (by anyone) are skipped and counted. Afterwards the
    /// user's choice of account for each payee, and the column mapping, are remembered for next time.
    /// </summary>
    public async Task<Result<ImportOutcome>> ImportAsync(Actor actor, ImportStatement command, CancellationToken ct = default)
    {
        var errors = ValidateRows(command);
        if (errors.Any)
        {
            return Failed(errors);
        }

        var checkedAccounts = await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: false, async session =>
        {
            var accounts = await OpenAccountsAsync(session.Db, command.BookId, ct);
            if (!accounts.TryGetValue(command.AccountId, out var account))
            {
                return Result<List<OccurrenceClaim?>>.Invalid(nameof(ImportStatement.AccountId),
                    await AccountProblemAsync(session.Db, command.BookId, command.AccountId, ct));
            }
            var found = new ValidationErrors();
            for (var i = 0; i < command.Rows.Count; i++)
            {
                var row = command.Rows[i];
                var field = RowField(i, nameof(ImportRow.OtherAccountId));
                if (!accounts.TryGetValue(row.OtherAccountId!.Value, out var other))
                {
                    found.Add(field, $"Line {row.Line}: the other account is not an open account of this book.");
                }
                else if (other.Id == account.Id)
                {
                    found.Add(field, $"Line {row.Line}: the other account cannot be the statement's own account.");
                }
                else if (other.Currency != account.Currency)
                {
                    found.Add(field, $"Line {row.Line}: \"{other.Name}\" is in {other.Currency} but the statement is in {account.Currency}; " +
                        $"choose an account in {account.Currency}.");
                }
            }
            var claims = found.Any ? [] : await ClaimsAsync(session.Db, command, found, ct);
            return found.Any ? Failed<List<OccurrenceClaim?>>(found) : Result<List<OccurrenceClaim?>>.Ok(claims);
        }, ct);
        if (!checkedAccounts.Succeeded)
        {
            return checkedAccounts.As<ImportOutcome>();
        }

        var transactions = command.Rows.Select(r => new PostTransaction(command.BookId, r.Date, r.Description, r.Payee,
            [new PostingLine(command.AccountId, r.Amount, r.Memo), new PostingLine(r.OtherAccountId!.Value, -r.Amount)])).ToList();
        var claimed = checkedAccounts.Value!;
        var posted = await postings.PostManyAsync(actor, new PostMany(command.BookId, transactions,
            new StatementImport(command.AccountId, Path.GetFileName(command.FileName ?? ""), command.Format == StatementFormat.Ofx ? "ofx" : "csv",
                command.Rows.Select(r => r.Fingerprint).ToList(), claimed.Any(c => c is not null) ? claimed : null)), ct);
        if (!posted.Succeeded)
        {
            return posted.As<ImportOutcome>() with { Message = RefusedMessage(posted, command.Rows) };
        }

        // Conveniences for next time: they follow the import, and an import stands even should they fail.
        await RememberChoicesAsync(actor, command.BookId, command.Rows, ct);
        if (command.Format == StatementFormat.Csv && command.Mapping is { } mapping)
        {
            await mappings.SaveAsync(actor, command.BookId, command.AccountId, mapping, ct);
        }

        var batch = posted.Value!;
        var numbers = batch.Items.Where(i => i.Status == PostedStatus.Created && i.Transaction is not null).Select(i => i.Transaction!.Number).ToList();
        return Result<ImportOutcome>.Created(new ImportOutcome(batch.ImportId, batch.Created, batch.Duplicates,
            numbers.Count == 0 ? null : numbers.Min(), numbers.Count == 0 ? null : numbers.Max(), batch.Linked,
            batch.Items.Where((item, i) => item.Status == PostedStatus.Created && command.Rows[i].Occurrence is not null).Count()));
    }

    /// <summary>
    /// The scheduled occurrence each row stands for, as the schedule's runner would post it, once checked to be one still: the
    /// schedule in this book, a transfer between the statement's account and the row's other account, the date one of its
    /// occurrences within the window and the amount within the tolerance (whether it is posted is decided at the write, under
    /// the book's lock). A row whose occurrence no longer fits is named, and nothing is imported.
    /// </summary>
    private static async Task<List<OccurrenceClaim?>> ClaimsAsync(LedgerDbContext db, ImportStatement command, ValidationErrors errors,
        CancellationToken ct)
    {
        var claims = new List<OccurrenceClaim?>(command.Rows.Count);
        var ids = command.Rows.Select(r => r.Occurrence?.ScheduleId).OfType<Guid>().Distinct().ToList();
        var schedules = ids.Count == 0 ? [] : await db.Schedules.AsNoTracking().Include(s => s.Lines)
            .Where(s => s.BookId == command.BookId && ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var seen = new HashSet<(Guid, DateOnly)>();
        for (var i = 0; i < command.Rows.Count; i++)
        {
            var row = command.Rows[i];
            if (row.Occurrence is not { } occurrence)
            {
                claims.Add(null);
                continue;
            }
            var field = RowField(i, nameof(ImportRow.Occurrence));
            if (!schedules.TryGetValue(occurrence.ScheduleId, out var schedule)
                || Recurrence.Of(schedule).Occurrence(occurrence.Index) != occurrence.Date
                || ScheduleMatching.TransferOf(schedule.Lines, command.AccountId) is not { } transfer
                || transfer.OtherAccountId != row.OtherAccountId
                || !ScheduleMatching.WithinWindow(occurrence.Date, row.Date)
                || !ScheduleMatching.WithinTolerance(transfer.Amount, row.Amount))
            {
                errors.Add(field, $"Line {row.Line}: the scheduled transaction it matched has changed or is gone; read the file again.");
                claims.Add(null);
                continue;
            }
            if (!seen.Add((occurrence.ScheduleId, occurrence.Date)))
            {
                errors.Add(field, $"Line {row.Line}: another row stands for the same scheduled transaction.");
            }
            claims.Add(new OccurrenceClaim(occurrence.ScheduleId, occurrence.Date, occurrence.Index, schedule.CreatedById,
                ScheduleService.KeyFor(occurrence.ScheduleId, occurrence.Date)));
        }
        return claims;
    }

    private static ValidationErrors ValidateRows(ImportStatement command)
    {
        var errors = new ValidationErrors();
        if (command.Rows is not { Count: > 0 })
        {
            errors.Add(nameof(ImportStatement.Rows), "There is nothing to import: every row was imported before, could not be read or was left out.");
            return errors;
        }
        var missing = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < command.Rows.Count; i++)
        {
            var row = command.Rows[i];
            if (row.OtherAccountId is null || row.OtherAccountId == Guid.Empty)
            {
                missing.Add(row.Line);
                errors.Add(RowField(i, nameof(ImportRow.OtherAccountId)), $"Line {row.Line}: choose the other account.");
            }
            if (string.IsNullOrEmpty(row.Fingerprint) || !seen.Add(row.Fingerprint))
            {
                errors.Add(RowField(i, nameof(ImportRow.Fingerprint)), $"Line {row.Line}: the row is in the import twice.");
            }
        }
        if (missing.Count > 0)
        {
            errors.Add(nameof(ImportStatement.Rows), MissingAccounts(missing));
        }
        return errors;
    }

    /// <summary>Why rows cannot be imported yet, naming the first few lines.</summary>
    public static string MissingAccounts(IReadOnlyList<int> lines)
    {
        var named = string.Join(", ", lines.Take(5)) + (lines.Count > 5 ? $" and {lines.Count - 5} more" : "");
        return lines.Count == 1
            ? $"The row on line {named} has no other account: choose one, or leave the row out."
            : $"{lines.Count} rows have no other account (lines {named}): choose one for each, or leave them out.";
    }

    private static string RowField(int index, string field) => $"{nameof(ImportStatement.Rows)}[{index}].{field}";

    private static Result<ImportOutcome> Failed(ValidationErrors errors) => Failed<ImportOutcome>(errors);

    /// <summary>Field errors, with the first one as the message, so that a page can show it above the rows it is about.</summary>
    private static Result<T> Failed<T>(ValidationErrors errors)
    {
        var all = errors.ToDictionary();
        var message = all.TryGetValue(nameof(ImportStatement.Rows), out var rows) ? rows[0] : all.Values.First()[0];
        return Result<T>.Invalid(all) with { Message = message };
    }

    /// <summary>A refusal of the batch told by the statement's line, not by the batch's item number.</summary>
    private static string RefusedMessage(Result<PostedBatch> posted, IReadOnlyList<ImportRow> rows)
    {
        var prefix = PostingService.TransactionsField + "[";
        foreach (var (field, messages) in posted.Errors)
        {
            if (field.StartsWith(prefix, StringComparison.Ordinal) && field.IndexOf(']', prefix.Length) is var end and > 0
                && int.TryParse(field.AsSpan(prefix.Length, end - prefix.Length), out var index) && index >= 0 && index < rows.Count)
            {
                return $"Line {rows[index].Line}: {messages.FirstOrDefault()} Nothing was imported.";
            }
        }
        return (posted.Errors.Values.SelectMany(m => m).FirstOrDefault() ?? posted.Message ?? "The statement could not be imported.")
            + " Nothing was imported.";
    }

    /// <summary>Remembers, for each payee (or description) imported, the other account the user posted it against.</summary>
    private async Task RememberChoicesAsync(Actor actor, Guid bookId, IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var choices = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            choices[PayeeKey.Of(row.Description, row.RowPayee)] = row.OtherAccountId!.Value;
        }
        // Two imports by one user at once (PostgreSQL lets both read "not remembered yet"): the loser saves again, as updates.
        var saved = await RememberOnceAsync(actor, bookId, choices, ct);
        if (saved.Status == ResultStatus.Conflict)
        {
            await RememberOnceAsync(actor, bookId, choices, ct);
        }
    }

    private Task<Result<bool>> RememberOnceAsync(Actor actor, Guid bookId, Dictionary<string, Guid> choices, CancellationToken ct) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var chunk in choices.Keys.Chunk(Chunk))
            {
                var stored = await db.PayeeAccounts
                    .Where(p => p.BookId == bookId && p.UserId == actor.UserId && chunk.Contains(p.PayeeKey)).ToListAsync(ct);
                var byKey = stored.ToDictionary(p => p.PayeeKey, StringComparer.Ordinal);
                foreach (var key in chunk)
                {
                    if (!byKey.TryGetValue(key, out var memory))
                    {
                        memory = new PayeeAccount { BookId = bookId, UserId = actor.UserId, PayeeKey = key };
                        db.PayeeAccounts.Add(memory);
                    }
                    memory.AccountId = choices[key];
                    memory.UsedAt = now;
                }
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                return Result<bool>.Conflict("The same payee was remembered at the same moment.");
            }
            await session.CommitAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);

    /// <summary>The book's imports, newest first (the last <see cref="ListedImports"/>).</summary>
    public Task<Result<IReadOnlyList<ImportSummary>>> ListAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: false, async session =>
        {
            var db = session.Db;
            var imports = await db.ImportBatches.AsNoTracking()
                .Where(b => b.BookId == bookId)
                .OrderByDescending(b => b.CreatedAt).ThenByDescending(b => b.Id)
                .Take(ListedImports)
                .Select(b => new ImportSummary(b.Id, b.CreatedAt,
                    db.Users.Where(u => u.Id == b.CreatedById).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                    b.FileName, b.Format, b.AccountId,
                    db.Accounts.Where(a => a.Id == b.AccountId).Select(a => a.Name).FirstOrDefault() ?? "",
                    b.Imported, b.Duplicates, b.UndoneAt,
                    db.Users.Where(u => u.Id == b.UndoneById).Select(u => u.DisplayName).FirstOrDefault()))
                .ToListAsync(ct);
            return Result<IReadOnlyList<ImportSummary>>.Ok(imports);
        }, ct);

    /// <summary>Voids every transaction of the import and frees its rows, so that the statement can be imported again.</summary>
    public Task<Result<UndoneImport>> UndoAsync(Actor actor, Guid bookId, Guid importId, CancellationToken ct = default) =>
        postings.UndoImportAsync(actor, bookId, importId, ct);

    private static async Task<Dictionary<Guid, ImportAccount>> OpenAccountsAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        await db.Accounts.AsNoTracking()
            .Where(a => a.BookId == bookId && !a.Archived)
            .Select(a => new ImportAccount(a.Id, a.Name, a.Code, a.Currency))
            .ToDictionaryAsync(a => a.Id, ct);

    private static async Task<string> AccountProblemAsync(LedgerDbContext db, Guid bookId, Guid accountId, CancellationToken ct)
    {
        var archived = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId && a.BookId == bookId)
            .Select(a => a.Name).FirstOrDefaultAsync(ct);
        return archived is null
            ? "Choose the account the statement belongs to."
            : $"\"{archived}\" is archived; restore it before importing into it.";
    }
}
