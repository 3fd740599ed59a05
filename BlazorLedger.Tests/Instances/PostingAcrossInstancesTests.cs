using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using BlazorLedger.Tests.Infrastructure.Postgres;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Instances;

/// <summary>Many API writers spread over two instances on one PostgreSQL database, as a load balancer spreads them.</summary>
public sealed class PostingAcrossInstancesTests : TwoInstancesTest
{
    protected override (string Key, string? Value)[] Settings =>
        [("Api:RequestsPerMinute", "1000000"), ("Api:RequestsPerMinutePerUser", "1000000")];

    [DbFact]
    public async Task Sixteen_writers_on_two_instances_post_4000_transfers_and_every_book_adds_up()
    {
        const int books = 4, writersPerBook = 4, transfersEach = 250;
        // Each book: its owner's personal book with four dollar and two euro accounts; four writers, two on each instance.
        var writers = new List<(HttpClient Client, Guid Book, (Guid Id, string Currency)[] Accounts)>();
        for (var b = 0; b < books; b++)
        {
            var owner = new Actor((await A.CreateUserAsync($"owner{b}@example.com")).Id);
            using var setUp = A.NewApiClient(await A.CreateTokenAsync(owner, ApiScopes.Write));
            var book = (await setUp.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
            var accounts = new List<(Guid, string)>();
            foreach (var (name, currency) in new[] { ("Cash", "USD"), ("Bank", "USD"), ("Food", "USD"), ("Rent", "USD"), ("Euro cash", "EUR"), ("Euro bank", "EUR") })
            {
                var created = await setUp.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type = "Asset", currency });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                accounts.Add(((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), currency));
            }
            for (var w = 0; w < writersPerBook; w++)
            {
                writers.Add(((w % 2 == 0 ? A : B).NewApiClient(await A.CreateTokenAsync(owner, ApiScopes.Write)), book, [.. accounts]));
            }
        }

        var failures = await Task.WhenAll(writers.Select((writer, number) => Task.Run(async () =>
        {
            var random = new Random(number);
            var failed = new List<string>();
            for (var n = 0; n < transfersEach; n++)
            {
                var from = writer.Accounts[random.Next(writer.Accounts.Length)];
                var candidates = writer.Accounts.Where(a => a.Currency == from.Currency && a.Id != from.Id).ToArray();
                var to = candidates[random.Next(candidates.Length)];
                var amount = (random.Next(1, 100_000) / 100m).ToString("0.00", CultureInfo.InvariantCulture);
                using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/books/{writer.Book}/transactions")
                {
                    Content = JsonContent.Create(new
                    {
                        date = "2026-11-01", description = $"Transfer {number}/{n}",
                        postings = new[] { new { accountId = to.Id, amount }, new { accountId = from.Id, amount = "-" + amount } },
                    }),
                };
                request.Headers.Add("Idempotency-Key", $"w{number}-n{n}");
                using var response = await writer.Client.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    failed.Add($"{number}/{n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            return failed;
        })));
        foreach (var (client, _, _) in writers)
        {
            client.Dispose();
        }

        Assert.Empty(failures.SelectMany(f => f));
        var (balances, sums, numbers) = await A.WithDbAsync(async db => (
            await db.Accounts.Select(a => new { a.Id, a.BookId, a.Currency, a.Balance }).ToListAsync(),
            await db.Postings.GroupBy(p => p.AccountId).Select(g => new { AccountId = g.Key, Sum = g.Sum(p => p.Amount) })
                .ToDictionaryAsync(s => s.AccountId, s => s.Sum),
            await db.Transactions.Select(t => new { t.BookId, t.Number }).ToListAsync()));
        Assert.Equal(books * writersPerBook * transfersEach, numbers.Count);
        Assert.All(balances, a => Assert.Equal(sums.GetValueOrDefault(a.Id), a.Balance));
        Assert.All(balances.GroupBy(a => (a.BookId, a.Currency)), currency => Assert.Equal(0, currency.Sum(a => a.Balance)));
        Assert.Contains(balances, a => a.Balance != 0);
        // Numbered 1, 2, 3 ... in every book: none taken twice, none skipped.
        Assert.All(numbers.GroupBy(t => t.BookId), book =>
            Assert.Equal(Enumerable.Range(1, writersPerBook * transfersEach).Select(n => (long)n), book.Select(t => t.Number).Order()));
    }
}
