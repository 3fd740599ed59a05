using BlazorLedger.Common;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Transactions;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Data.Seeding;

/// <summary>
/// A household book with a year of believable activity, posted through the same services as everything else, so that a
/// newcomer sees a living app. Created once; deterministic, so screenshots and demos look the same every time.
/// </summary>
internal sealed class DemoData(IDbContextFactory<LedgerDbContext> dbFactory, BookService books, AccountService accounts,
    PostingService postings, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string BookName = "Demo household";

    public async Task EnsureAsync(string ownerId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.BookMembers.AnyAsync(m => m.UserId == ownerId && m.Book!.Name == BookName, ct))
            {
                return;
            }
        }

        var actor = new Actor(ownerId);
        var book = (await books.CreateAsync(actor, BookName, "USD", ct)).Value!;
        async Task<Guid> Account(string name, string code, AccountType type) =>
            (await accounts.CreateAsync(actor, new CreateAccount(book.Id, name, code, type, "USD"), ct)).Value!.Id;

        var checking = await Account("Checking", "1010", AccountType.Asset);
        var savings = await Account("Savings", "1020", AccountType.Asset);
        var cash = await Account("Cash", "1030", AccountType.Asset);
        var card = await Account("Credit card", "2010", AccountType.Liability);
        var opening = await Account("Opening balances", "3000", AccountType.Equity);
        var salary = await Account("Salary", "4010", AccountType.Income);
        var interest = await Account("Interest", "4020", AccountType.Income);
        var rent = await Account("Rent", "5010", AccountType.Expense);
        var groceries = await Account("Groceries", "5020", AccountType.Expense);
        var utilities = await Account("Utilities", "5030", AccountType.Expense);
        var dining = await Account("Dining out", "5040", AccountType.Expense);
        var transport = await Account("Transport", "5050", AccountType.Expense);

        var random = new Random(20261125);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var count = 0;

        async Task Post(DateOnly date, string description, string? payee, Guid debit, Guid credit, long cents)
        {
            if (date > today)
            {
                return;
            }
            var result = await postings.PostAsync(actor, new PostTransaction(book.Id, date, description, payee,
                [new PostingLine(debit, cents), new PostingLine(credit, -cents)]), ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo data could not be posted: {result.Message}");
            }
            count++;
        }

        await Post(start, "Opening balance", null, checking, opening, 3_250_00);
        await Post(start, "Opening balance", null, savings, opening, 12_000_00);
        await Post(start, "Opening balance", null, cash, opening, 180_00);

        string[] grocers = ["Green Market", "FreshCo", "Corner Grocer", "Farmers' market"];
        string[] restaurants = ["Luigi's", "Noodle Bar", "The Daily Grind", "Taco Town", "Sushi Go"];
        for (var month = 0; month < 12; month++)
        {
            var first = new DateOnly(start.Year, start.Month, 1).AddMonths(month);
            await Post(first.AddDays(0), "Salary", "Acme Corp", checking, salary, 4_850_00);
            await Post(first.AddDays(1), "Rent", "City Apartments", rent, checking, 1_650_00);
            await Post(first.AddDays(9), "Electricity and water", "City Utilities", utilities, checking, 95_00 + random.Next(0, 60_00));
            await Post(first.AddDays(14), "Transfer to savings", null, savings, checking, 400_00);
            await Post(first.AddDays(27), "Savings interest", "Savings Bank", savings, interest, 20_00 + random.Next(0, 15_00));
            await Post(first.AddDays(20), "Credit card payment", "Card Services", card, checking, 600_00);
            for (var i = 0; i < 6; i++)
            {
                await Post(first.AddDays(random.Next(0, 28)), "Groceries", grocers[random.Next(grocers.Length)], groceries, card,
                    25_00 + random.Next(0, 120_00));
            }
            for (var i = 0; i < 4; i++)
            {
                await Post(first.AddDays(random.Next(0, 28)), "Dinner", restaurants[random.Next(restaurants.Length)], dining, card,
                    18_00 + random.Next(0, 70_00));
            }
            for (var i = 0; i < 3; i++)
            {
                await Post(first.AddDays(random.Next(0, 28)), "Bus pass top-up", "Metro Transit", transport, cash, 10_00 + random.Next(0, 30_00));
            }
            await Post(first.AddDays(random.Next(0, 28)), "Cash withdrawal", "ATM", cash, checking, 160_00);
            for (var i = 0; i < 4; i++)
            {
                await Post(first.AddDays(random.Next(0, 28)), "Coffee", "The Daily Grind", dining, cash, 3_50 + random.Next(0, 4_00));
            }
        }
        logger.LogInformation("Demo book \"{Book}\" created with {Count} transactions", BookName, count);
    }
}
