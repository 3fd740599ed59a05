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
        var errors = new ValidationErrors();
        var pattern = command.IsRegex ? command.Pattern : command.Pattern.Trim();
        var payee = string.IsNullOrWhiteSpace(command.Payee) ? null : command.Payee.Trim();
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

    internal static async Task<IReadOnlyList<ImportRuleDto>> ListAsync(LedgerDbContext db, Guid bookId, CancellationToken ct) =>
        await db.ImportRules.AsNoTracking()
            .Where(r => r.BookId == bookId)
            .OrderBy(r => r.Position).ThenBy(r => r.Id)
            .Select(r => new ImportRuleDto(r.Id, r.Position, r.Pattern, r.IsRegex, r.AccountId,
                db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.Name).FirstOrDefault(), r.Payee))
            .ToListAsync(ct);
}
