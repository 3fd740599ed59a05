using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Features.Import;

/// <summary>A book's import rules: listed, added, reordered and deleted by its owners and editors.</summary>
internal sealed class ImportRuleService(IDbContextFactory<LedgerDbContext> dbFactory, TimeProvider clock)
{
    public Task<Result<IReadOnlyList<ImportRuleDto>>> ListAsync(Actor actor, Guid bookId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: false, async session =>
            Result<IReadOnlyList<ImportRuleDto>>.Ok(await ListAsync(session.Db, bookId, ct)), ct);

    /// <summary>The book's rules, ready to apply to statement rows.</summary>
    public async Task<Result<ImportRuleSet>> RuleSetAsync(Actor actor, Guid bookId, CancellationToken ct = default)
    {
        var rules = await ListAsync(actor, bookId, ct);
        return rules.Succeeded ? Result<ImportRuleSet>.Ok(new ImportRuleSet(rules.Value!)) : rules.As<ImportRuleSet>();
    }

    public async Task<Result<ImportRuleDto>> CreateAsync(Actor actor, CreateImportRule command, CancellationToken ct = default)
    {
        var errors = Validate(command, out var pattern, out var payee);
        if (errors.Any)
        {
            return errors.ToResult<ImportRuleDto>();
        }

        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: true, async session =>
        {
            var db = session.Db;
            string? accountName = null;
            if (command.AccountId is { } accountId)
            {
                var account = await db.Accounts.AsNoTracking().Where(a => a.Id == accountId && a.BookId == command.BookId)
                    .Select(a => new { a.Name, a.Archived }).FirstOrDefaultAsync(ct);
                if (account is null || account.Archived)
                {
                    return Result<ImportRuleDto>.Invalid(nameof(CreateImportRule.AccountId),
                        account is null ? "The account is not in this book." : $"\"{account.Name}\" is archived.");
                }
                accountName = account.Name;
            }
            var count = await db.ImportRules.CountAsync(r => r.BookId == command.BookId, ct);
            if (count >= ImportRuleLimits.MaxRulesPerBook)
            {
                return Result<ImportRuleDto>.Invalid(nameof(CreateImportRule.Pattern), $"A book has at most {ImportRuleLimits.MaxRulesPerBook} rules.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            // After the others. The write transaction serialises this on SQLite; should two rules ever share a position
            // (PostgreSQL, concurrent adds), the older one applies first and the next move renumbers them.
            var last = await db.ImportRules.Where(r => r.BookId == command.BookId).MaxAsync(r => (int?)r.Position, ct);
            var rule = new ImportRule
            {
                BookId = command.BookId, Position = (last ?? -1) + 1, Pattern = pattern, IsRegex = command.IsRegex,
                AccountId = command.AccountId, Payee = payee, CreatedById = actor.UserId, CreatedAt = now,
            };
            db.ImportRules.Add(rule);
            db.Audit(now, actor.UserId, command.BookId, AuditActions.ImportRuleCreated, nameof(ImportRule), rule.Id,
                new { rule.Pattern, rule.IsRegex, rule.AccountId, rule.Payee });
            await db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<ImportRuleDto>.Created(new ImportRuleDto(rule.Id, rule.Position, rule.Pattern, rule.IsRegex, rule.AccountId, accountName, rule.Payee));
        }, ct);
    }

    /// <summary>Moves a rule to <paramref name="position"/> (0 is first) and numbers the book's rules afresh.</summary>
    public Task<Result<IReadOnlyList<ImportRuleDto>>> MoveAsync(Actor actor, Guid bookId, Guid ruleId, int position, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var rules = await session.Db.ImportRules.Where(r => r.BookId == bookId).OrderBy(r => r.Position).ThenBy(r => r.Id).ToListAsync(ct);
            var rule = rules.FirstOrDefault(r => r.Id == ruleId);
            if (rule is null)
            {
                return Result<IReadOnlyList<ImportRuleDto>>.NotFound("Rule not found.");
            }
            rules.Remove(rule);
            rules.Insert(Math.Clamp(position, 0, rules.Count), rule);
            for (var i = 0; i < rules.Count; i++)
            {
                rules[i].Position = i;
            }
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<IReadOnlyList<ImportRuleDto>>.Ok(await ListAsync(session.Db, bookId, ct));
        }, ct);

    public Task<Result<bool>> DeleteAsync(Actor actor, Guid bookId, Guid ruleId, CancellationToken ct = default) =>
        dbFactory.InBookAsync(actor, bookId, BookRole.Editor, write: true, async session =>
        {
            var rule = await session.Db.ImportRules.FirstOrDefaultAsync(r => r.Id == ruleId && r.BookId == bookId, ct);
            if (rule is null)
            {
                return Result<bool>.NotFound("Rule not found.");
            }
            var now = clock.GetUtcNow().UtcDateTime;
            session.Db.ImportRules.Remove(rule);
            session.Db.Audit(now, actor.UserId, bookId, AuditActions.ImportRuleDeleted, nameof(ImportRule), rule.Id,
                new { rule.Pattern, rule.IsRegex, rule.AccountId, rule.Payee });
            await session.Db.SaveChangesAsync(ct);
            await session.CommitAsync(ct);
            return Result<bool>.Ok(true);
        }, ct);

    /// <summary>How many past transactions the preview of a rule looks at, newest first.</summary>
    public const int PreviewExamines = 10_000;

    /// <summary>Past transactions shown in the preview of a rule.</summary>
    public const int PreviewShows = 50;

    /// <summary>
    /// What a rule would have matched among the book's last <see cref="PreviewExamines"/> transactions (voided ones and
    /// reversals left out), and which of them already use its account. Nothing is changed: postings are never rewritten.
    /// </summary>
    public async Task<Result<RuleEffect>> PreviewAsync(Actor actor, CreateImportRule command, CancellationToken ct = default)
    {
        var errors = Validate(command, out var pattern, out var payee);
        if (errors.Any)
        {
            return errors.ToResult<RuleEffect>();
        }
        var rules = new ImportRuleSet([new ImportRuleDto(Guid.Empty, 0, pattern, command.IsRegex, command.AccountId, null, payee)]);
        return await dbFactory.InBookAsync(actor, command.BookId, BookRole.Editor, write: false, async session =>
        {
            var db = session.Db;
            var recent = await db.Transactions.AsNoTracking()
                .Where(t => t.BookId == command.BookId && t.ReversesId == null && !db.Transactions.Any(r => r.ReversesId == t.Id))
                .OrderByDescending(t => t.Number).Take(PreviewExamines)
                .Select(t => new { t.Id, t.Number, t.Date, t.Description, t.Payee })
                .ToListAsync(ct);
            var matched = recent.Where(t => rules.Match(t.Description, t.Payee) is not null).ToList();
            var accounts = new Dictionary<Guid, List<(Guid Id, string Name)>>();
            foreach (var chunk in matched.Select(t => t.Id).Chunk(1_000))
            {
                var legs = await db.Postings.AsNoTracking().Where(p => chunk.Contains(p.TransactionId)).OrderBy(p => p.Id)
                    .Select(p => new { p.TransactionId, p.AccountId, p.Account!.Name }).ToListAsync(ct);
                foreach (var leg in legs)
                {
                    (accounts.TryGetValue(leg.TransactionId, out var list) ? list : accounts[leg.TransactionId] = []).Add((leg.AccountId, leg.Name));
                }
            }
            bool AlreadyThere(Guid transactionId) =>
                command.AccountId is null || accounts.GetValueOrDefault(transactionId)?.Any(a => a.Id == command.AccountId) == true;
            var rows = matched.Take(PreviewShows).Select(t => new RuleEffectRow(t.Id, t.Number, t.Date, t.Description, t.Payee,
                (accounts.GetValueOrDefault(t.Id) ?? []).Select(a => a.Name).Distinct().ToList(), AlreadyThere(t.Id))).ToList();
            return Result<RuleEffect>.Ok(new RuleEffect(recent.Count, matched.Count, matched.Count(t => AlreadyThere(t.Id)), rows));
        }, ct);
    }

    private static ValidationErrors Validate(CreateImportRule command, out string pattern, out string? payee)
    {
        var errors = new ValidationErrors();
        pattern = command.IsRegex ? command.Pattern ?? "" : (command.Pattern ?? "").Trim();
        payee = string.IsNullOrWhiteSpace(command.Payee) ? null : command.Payee.Trim();
        if (pattern.Length == 0)
        {
            errors.Add(nameof(CreateImportRule.Pattern), "Enter the text to look for.");
        }
        else if (pattern.Length > ImportRuleLimits.MaxPattern)
        {
            errors.Add(nameof(CreateImportRule.Pattern), $"Use at most {ImportRuleLimits.MaxPattern} characters.");
        }
        else if (command.IsRegex && !ImportRuleSet.TryCompile(pattern, out _, out var regexError))
        {
            errors.Add(nameof(CreateImportRule.Pattern), regexError);
        }
        if (payee?.Length > TransactionLimits.MaxPayee)
        {
            errors.Add(nameof(CreateImportRule.Payee), $"Use at most {TransactionLimits.MaxPayee} characters.");
        }
        if (command.AccountId is null && payee is null)
        {
            errors.Add(nameof(CreateImportRule.AccountId), "Choose the account or the payee the rule sets (or both).");
        }
        return errors;
    }

    internal static async Task<IReadOnlyList<ImportRuleDto>> ListAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        await db.ImportRules.AsNoTracking()
            .Where(r => r.BookId == bookId)
            .OrderBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r => new ImportRuleDto(r.Id, r.Position, r.Pattern, r.IsRegex, r.AccountId,
                db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.Name).FirstOrDefault(), r.Payee))
            .ToListAsync(ct);
}
