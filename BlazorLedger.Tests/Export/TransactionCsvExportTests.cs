using System.Globalization;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Export;

public sealed class TransactionCsvExportTests : IAsyncLifetime
{
    private TestLedger ledger = default!;
    private TestUser owner = default!;
    private Guid cash, food, rent;

    private TransactionCsvExport Export => ledger.Services.GetRequiredService<TransactionCsvExport>();

    public async Task InitializeAsync()
    {
        ledger = TestLedger.InMemory();
        owner = await ledger.CreateUserAsync();
        cash = await ledger.CreateAccountAsync(owner, "Cash");
        food = await ledger.CreateAccountAsync(owner, "=Food, \"fresh\"", AccountType.Expense);
        rent = await ledger.CreateAccountAsync(owner, "Rent", AccountType.Expense);
    }

    public async Task DisposeAsync() => await ledger.DisposeAsync();

    private async Task<(Result<int> Result, string Csv)> ExportAsync(TransactionQuery query)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var result = await Export.WriteAsync(owner.Actor, query, _ => writer);
        return (result, writer.ToString());
    }

    [Fact]
    public async Task The_CSV_has_a_row_per_posting_of_the_transactions_the_search_finds_in_its_order()
    {
        await ledger.Postings.PostAsync(owner.Actor, new PostTransaction(owner.BookId, new DateOnly(2026, 1, 2), "Groceries", null,
            [new PostingLine(food, 12_30), new PostingLine(cash, -12_30)], Tags: ["Weekly", "food"]));
        await ledger.TransferAsync(owner, cash, rent, 700_00, new DateOnly(2026, 1, 3), "Rent January");
        await ledger.TransferAsync(owner, cash, food, 4_05, new DateOnly(2026, 1, 4), "-Groceries again");

        var (result, csv) = await ExportAsync(new TransactionQuery(owner.BookId, Text: "groceries", Sort: TransactionSort.OldestFirst));

        Assert.Equal(2, result.Value);
        Assert.Equal(
        [
            "Number,Date,Description,Payee,Account,Currency,Amount,Memo,Voided,Reversal,Tags",
            "1,2026-01-02,Groceries,,\"'=Food, \"\"fresh\"\"\",USD,12.30,,no,no,food weekly",
            "1,2026-01-02,Groceries,,Cash,USD,-12.30,,no,no,food weekly",
            "3,2026-01-04,'-Groceries again,,\"'=Food, \"\"fresh\"\"\",USD,4.05,,no,no,",
            "3,2026-01-04,'-Groceries again,,Cash,USD,-4.05,,no,no,",
        ], csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_search_larger_than_a_page_is_written_whole_and_invalid_filters_are_refused_before_anything_is_written()
    {
        for (var i = 0; i < TransactionListService.MaxLimit + 3; i++)
        {
            await ledger.TransferAsync(owner, cash, food, 1 + i, new DateOnly(2026, 1, 1).AddDays(i % 30), $"Item {i}");
        }

        var (all, csv) = await ExportAsync(new TransactionQuery(owner.BookId));
        var opened = false;
        var refused = await Export.WriteAsync(owner.Actor, new TransactionQuery(owner.BookId, Amount: "1.2.3"), _ =>
        {
            opened = true;
            return TextWriter.Null;
        });

        Assert.Equal(TransactionListService.MaxLimit + 3, all.Value);
        Assert.Equal(1 + 2 * (TransactionListService.MaxLimit + 3), csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.False(opened);
    }
}
