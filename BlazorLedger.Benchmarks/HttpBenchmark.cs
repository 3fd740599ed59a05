using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Benchmarks;

/// <summary>
/// What a script feels: the JSON API of the real app (<see cref="BenchApp"/>) over keep-alive connections to 127.0.0.1, each
/// client a connection of its own sending one request after another, beside the posting service called directly in the
/// same process on the same database. Posting (1 and 16 clients against 1 and 16 direct callers), the batch endpoint
/// against single posts, and reads at the bulk-loaded history under 16 clients (p50, p99). The clients run in the
/// server's process and share its cores, as a script on the same machine would.
/// </summary>
internal static class HttpBenchmark
{
    private const int BatchSize = 1_000;
    private const int Clients = 16;

    private static int runs;

    public static async Task RunAsync(BenchmarkOptions options, BenchApp app)
    {
        await PostingAsync(options, app);
        Console.WriteLine();
        await PiecesAsync(app);
        Console.WriteLine();
        await ReadsAsync(options, app);
    }

    /// <summary>
    /// Where one API post's time goes: the calls the endpoint makes, each timed on its own in this process, beside the whole
    /// request from one client. What the request takes beyond their sum is HTTP, JSON and the middleware.
    /// </summary>
    private static async Task PiecesAsync(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tokens = services.GetRequiredService<Features.Api.ApiTokenService>();
        var accounts = services.GetRequiredService<Features.Accounts.AccountService>();
        var postings = services.GetRequiredService<PostingService>();
        var run = Interlocked.Increment(ref runs);
        var random = new Random(5);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var i = 0;
        var token = await Measure.MedianAsync(async () => _ = await tokens.AuthenticateAsync(app.Token) ?? throw new InvalidOperationException("token"), runs: 200);
        var chart = await Measure.MedianAsync(async () => Check(await accounts.ListAsync(app.Actor, app.BookId)), runs: 200);
        var lookup = await Measure.MedianAsync(async () => Check(await accounts.CurrenciesAsync(app.Actor, app.BookId, app.Quiet[..2])), runs: 200);
        var post = await Measure.MedianAsync(async () =>
        {
            var (from, to) = WriteBenchmark.Pick(random, app.Quiet);
            var amount = random.NextInt64(1, 100_000);
            Check(await postings.PostAsync(app.Actor, new PostTransaction(app.BookId, today, "Transfer", null,
                [new PostingLine(to, amount), new PostingLine(from, -amount)], $"p{run}-{i++}")));
        }, runs: 200);
        using var client = NewClient(app);
        var path = $"api/v1/books/{app.BookId}/transactions";
        var request = await Measure.MedianAsync(async () =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(Encoding.UTF8.GetBytes(TransferJson(random, app.Quiet))) };
            message.Headers.Add("Idempotency-Key", $"p{run}-{i++}");
            using var response = await client.SendAsync(message);
            await Expect(response, HttpStatusCode.Created);
        }, runs: 200);
        var rest = request - token - lookup - post;
        Console.WriteLine("One API post, piece by piece (median of 200 calls each, one at a time)");
        Console.WriteLine($"token check {Measure.Ms(token)}   its accounts' currencies {Measure.Ms(lookup)}   posting service {Measure.Ms(post)}   " +
            $"whole request {Measure.Ms(request)}   rest (HTTP, JSON, middleware) {Measure.Ms(rest)}");
        Console.WriteLine($"(reading the whole chart of accounts instead, as the endpoint did before: {Measure.Ms(chart)})");
    }

    private static T Check<T>(BlazorLedger.Common.Result<T> result) =>
        result.Succeeded ? result.Value! : throw new InvalidOperationException(result.Message);

    private static async Task PostingAsync(BenchmarkOptions options, BenchApp app)
    {
        var count = options.Requests;
        Console.WriteLine($"API posting at {app.Postings:N0} postings: {count:N0} two-posting transfers per run (a batch: {BatchSize:N0} in one request), " +
            $"full durability, group commit on, median of {options.Rounds} rounds");
        var shapes = new (string Name, Func<Task<double>> Rate)[]
        {
            ("service, 1 caller", () => ServiceRateAsync(app, 1, count)),
            ("HTTP, 1 client", () => HttpRateAsync(app, 1, count)),
            ($"HTTP, {Clients} clients", () => HttpRateAsync(app, Clients, count)),
            ($"service, {Clients} callers", () => ServiceRateAsync(app, Clients, count)),
            ("HTTP, one batch", () => HttpBatchRateAsync(app)),
            ("service, one batch", () => ServiceBatchRateAsync(app)),
        };
        // Untimed: the first requests pay for starting up (JIT, pools, the first connections).
        await ServiceRateAsync(app, Clients, Clients * 10);
        await HttpRateAsync(app, Clients, Clients * 10);
        await HttpBatchRateAsync(app);
        var rates = shapes.ToDictionary(s => s.Name, _ => new List<double>());
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var (name, rate) in shapes)
            {
                rates[name].Add(await rate());
            }
        }
        var median = rates.ToDictionary(r => r.Key, r => Median(r.Value));
        var (service, http, many, serviceMany) = (median[shapes[0].Name], median[shapes[1].Name], median[shapes[2].Name], median[shapes[3].Name]);
        var (batch, serviceBatch) = (median[shapes[4].Name], median[shapes[5].Name]);
        Console.WriteLine($"{"",-22}{"tx/s",10}{"vs service, 1",16}");
        foreach (var (name, _) in shapes)
        {
            Console.WriteLine($"{name,-22}{median[name],10:N0}{median[name] / service,15:N2}x");
        }
        Console.WriteLine($"HTTP 1 client / service 1 caller: {http / service:N2}x (target 0.7x)   " +
            $"HTTP {Clients} clients / 1 client: {many / http:N2}x (target 3x)   HTTP {Clients} / service {Clients}: {many / serviceMany:N2}x");
        Console.WriteLine($"{BatchSize:N0} in one batch request: {BatchSize / batch * 1000:N0} ms; as {BatchSize:N0} single requests from one client: " +
            $"{BatchSize / http * 1000:N0} ms; batch {batch / http:N1}x faster (HTTP batch / service batch: {batch / serviceBatch:N2}x)");
    }

    private static async Task<double> ServiceRateAsync(BenchApp app, int callers, int count)
    {
        var run = Interlocked.Increment(ref runs);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var perCaller = count / callers;
        var scopes = Enumerable.Range(0, callers).Select(_ => app.Services.CreateAsyncScope()).ToList();
        try
        {
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(scopes.Select((scope, caller) => Task.Run(async () =>
            {
                var postings = scope.ServiceProvider.GetRequiredService<PostingService>();
                var random = new Random(caller + 1);
                for (var i = 0; i < perCaller; i++)
                {
                    var (from, to) = WriteBenchmark.Pick(random, app.Quiet);
                    var amount = random.NextInt64(1, 100_000);
                    var result = await postings.PostAsync(app.Actor, new PostTransaction(app.BookId, today, "Transfer", null,
                        [new PostingLine(to, amount), new PostingLine(from, -amount)], $"s{run}-{caller}-{i}"));
                    if (!result.Succeeded)
                    {
                        throw new InvalidOperationException(result.Message);
                    }
                }
            })));
            return perCaller * callers / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            foreach (var scope in scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }

    private static async Task<double> HttpRateAsync(BenchApp app, int clients, int count)
    {
        var run = Interlocked.Increment(ref runs);
        var perClient = count / clients;
        var path = $"api/v1/books/{app.BookId}/transactions";
        // Bodies are made before the clock starts: the clients share the server's cores, and should spend little of them.
        var bodies = Enumerable.Range(0, clients).Select(client =>
        {
            var random = new Random(client + 1);
            return Enumerable.Range(0, perClient).Select(_ => Encoding.UTF8.GetBytes(TransferJson(random, app.Quiet))).ToArray();
        }).ToArray();
        var http = Enumerable.Range(0, clients).Select(_ => NewClient(app)).ToList();
        try
        {
            // Each client's connection is open before the clock starts.
            await Task.WhenAll(http.Select(c => c.GetAsync($"api/v1/books/{app.BookId}/lock-date")));
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(http.Select((client, c) => Task.Run(async () =>
            {
                for (var i = 0; i < perClient; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(bodies[c][i]) };
                    request.Headers.Add("Idempotency-Key", $"h{run}-{c}-{i}");
                    using var response = await client.SendAsync(request);
                    await Expect(response, HttpStatusCode.Created);
                }
            })));
            return perClient * clients / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            http.ForEach(c => c.Dispose());
        }
    }

    private static async Task<double> HttpBatchRateAsync(BenchApp app)
    {
        var run = Interlocked.Increment(ref runs);
        var random = new Random(7);
        var body = new StringBuilder("{\"transactions\":[");
        for (var i = 0; i < BatchSize; i++)
        {
            var transfer = TransferJson(random, app.Quiet);
            body.Append(i == 0 ? "" : ",").Append("{\"idempotencyKey\":\"b").Append(run).Append('-').Append(i).Append("\",").Append(transfer[1..]);
        }
        var bytes = Encoding.UTF8.GetBytes(body.Append("]}").ToString());
        using var client = NewClient(app);
        await client.GetAsync($"api/v1/books/{app.BookId}/lock-date");
        var watch = Stopwatch.StartNew();
        using var response = await client.PostAsync($"api/v1/books/{app.BookId}/transactions/batch", Json(bytes));
        await Expect(response, HttpStatusCode.OK);
        return BatchSize / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> ServiceBatchRateAsync(BenchApp app)
    {
        var run = Interlocked.Increment(ref runs);
        var random = new Random(7);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var rows = Enumerable.Range(0, BatchSize).Select(i =>
        {
            var (from, to) = WriteBenchmark.Pick(random, app.Quiet);
            var amount = random.NextInt64(1, 100_000);
            return new PostTransaction(app.BookId, today, "Transfer", null, [new PostingLine(to, amount), new PostingLine(from, -amount)], $"sb{run}-{i}");
        }).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var result = await scope.ServiceProvider.GetRequiredService<PostingService>().PostManyAsync(app.Actor, new PostMany(app.BookId, rows));
        var elapsed = watch.Elapsed;
        return result.Succeeded && result.Value!.Created == BatchSize ? BatchSize / elapsed.TotalSeconds : throw new InvalidOperationException(result.Message);
    }

    /// <summary>A transfer between two of <paramref name="accounts"/> as the API takes it, amounts as decimal strings.</summary>
    private static string TransferJson(Random random, Guid[] accounts)
    {
        var (from, to) = WriteBenchmark.Pick(random, accounts);
        var amount = random.NextInt64(1, 100_000);
        var text = (amount / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        return $$"""{"date":"{{DateTime.UtcNow:yyyy-MM-dd}}","description":"Transfer","postings":[{"accountId":"{{to}}","amount":"{{text}}"},{"accountId":"{{from}}","amount":"-{{text}}"}]}""";
    }

    private static async Task ReadsAsync(BenchmarkOptions options, BenchApp app)
    {
        var perClient = options.Requests / Clients;
        var book = $"api/v1/books/{app.BookId}";
        string deep;
        using (var client = NewClient(app))
        {
            deep = await CursorAfterAsync(client, $"{book}/accounts/{app.Busy}/register", pages: 20);
        }
        var reads = new (string Name, string Path)[]
        {
            ("accounts", $"{book}/accounts"),
            ("register, first page", $"{book}/accounts/{app.Busy}/register"),
            ("register, page 21", $"{book}/accounts/{app.Busy}/register?cursor={Uri.EscapeDataString(deep)}"),
            ("transactions, first page", $"{book}/transactions"),
        };
        Console.WriteLine($"API reads at {app.Postings:N0} postings (register: the account with {app.Postings / 2:N0} of them; 50 rows a page), " +
            $"{Clients} clients x {perClient} requests, after 1 client x {perClient} requests");
        Console.WriteLine($"{"",-26}{"1 client p50",14}{"16: p50",12}{"16: p99",12}{"16: req/s",12}");
        foreach (var (name, path) in reads)
        {
            await LatenciesAsync(app, 4, 20, path);
            var alone = await LatenciesAsync(app, 1, perClient, path);
            var watch = Stopwatch.StartNew();
            var together = await LatenciesAsync(app, Clients, perClient, path);
            var rate = together.Count / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"{name,-26}{Measure.Ms(Percentile(alone, 0.5)),14}{Measure.Ms(Percentile(together, 0.5)),12}" +
                $"{Measure.Ms(Percentile(together, 0.99)),12}{rate,12:N0}");
        }
        Console.WriteLine("(target: p99 under 20 ms with 16 clients)");
    }

    private static async Task<string> CursorAfterAsync(HttpClient client, string path, int pages)
    {
        string? cursor = null;
        for (var i = 0; i < pages; i++)
        {
            using var response = await client.GetAsync(cursor is null ? path : $"{path}?cursor={Uri.EscapeDataString(cursor)}");
            await Expect(response, HttpStatusCode.OK);
            using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        return cursor!;
    }

    private static async Task<List<TimeSpan>> LatenciesAsync(BenchApp app, int clients, int perClient, string path)
    {
        var http = Enumerable.Range(0, clients).Select(_ => NewClient(app)).ToList();
        try
        {
            await Task.WhenAll(http.Select(c => c.GetAsync($"api/v1/books/{app.BookId}/lock-date")));
            var times = await Task.WhenAll(http.Select(client => Task.Run(async () =>
            {
                var mine = new List<TimeSpan>(perClient);
                for (var i = 0; i < perClient; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                    mine.Add(watch.Elapsed);
                    await Expect(response, HttpStatusCode.OK);
                }
                return mine;
            })));
            return times.SelectMany(t => t).ToList();
        }
        finally
        {
            http.ForEach(c => c.Dispose());
        }
    }

    private static TimeSpan Percentile(List<TimeSpan> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>A client of its own keep-alive connection, with the bench user's token.</summary>
    private static HttpClient NewClient(BenchApp app) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = app.BaseAddress,
            DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", app.Token) },
        };

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: " +
                $"{(int)response.StatusCode}, expected {(int)status}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
