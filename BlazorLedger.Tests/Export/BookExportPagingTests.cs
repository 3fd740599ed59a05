using System.Globalization;
using System.Text.RegularExpressions;
using BlazorLedger.Data;
using BlazorLedger.Features.Export;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Export;

public sealed partial class BookExportPagingTests
{
    [Fact]
    public async Task A_book_of_several_pages_is_written_whole_in_date_and_number_order_a_page_at_a_time()
    {
        await using var ledger = TestLedger.InMemory();
        var owner = await ledger.CreateUserAsync();
        var cash = await ledger.CreateAccountAsync(owner, "Cash");
        var food = await ledger.CreateAccountAsync(owner, "Food", AccountType.Expense);
        var count = 2 * BookExportService.PageSize + 37;
        await using (var db = await ledger.DbAsync())
        {
            // Dates go back and forth, so number order is not date order and many transactions share a date across page ends.
            for (var n = 1; n <= count; n++)
            {
                db.Transactions.Add(new Transaction
                {
                    BookId = owner.BookId, Number = n, Date = new DateOnly(2026, 1, 1).AddDays(n * 7 % 11), Description = $"Item {n}",
                    CreatedById = owner.UserId, CreatedAt = DateTime.UtcNow,
                    Postings = [new Posting { AccountId = food, Amount = n, Date = new DateOnly(2026, 1, 1) }, new Posting { AccountId = cash, Amount = -n, Date = new DateOnly(2026, 1, 1) }],
                });
            }
            await db.SaveChangesAsync();
        }
        var writer = new CountingWriter();

        var result = await ledger.Services.GetRequiredService<BookExportService>().WriteAsync(owner.Actor, owner.BookId, ExportFormat.Hledger, _ => writer);

        Assert.Equal(count, result.Value);
        var heads = TransactionLine().Matches(writer.ToString())
            .Select(m => (DateOnly.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(count, heads.Count);
        Assert.Equal(heads.OrderBy(h => h.Item1).ThenBy(h => h.Item2), heads);
        Assert.Equal(count, heads.Select(h => h.Item2).Distinct().Count());
        // Written as it is read, not gathered first: one write for the header and one per transaction.
        Assert.Equal(count + 1, writer.Writes);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2}) \((\d+)\) ", RegexOptions.Multiline)]
    private static partial Regex TransactionLine();

    private sealed class CountingWriter : StringWriter
    {
        public CountingWriter() : base(CultureInfo.InvariantCulture)
        {
        }

        public int Writes { get; private set; }

        public override Task WriteAsync(string? value)
        {
            Writes++;
            return base.WriteAsync(value);
        }
    }
}
