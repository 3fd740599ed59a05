using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

/// <summary>
/// The contract clients code against: the exact problem bodies that bad request bodies get, key by key and message by
/// message, and a document that shows the very records the bodies are bound to. Nothing is written, so the cases share one app.
/// </summary>
public sealed class ApiContractTests(ApiContractTests.Ledger ledger) : IClassFixture<ApiContractTests.Ledger>
{
    private const string Date = "Give the date as \\\"yyyy-MM-dd\\\".";
    private const string Postings = "Give the postings as an array of { accountId, amount, memo }.";
    private const string Posting = "Each posting must be an object { accountId, amount, memo }.";
    private const string NotAnId = "This is not an id: give the account's id, a UUID such as \\\"3fa85f64-5717-4562-b3fc-2c963f66afa6\\\".";
    private const string Amount = "Give the amount as a decimal string such as \\\"12.30\\\" or a JSON number.";

    private static string Errors(string errors) =>
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid request","status":400,"detail":"The request is invalid; see errors.","errors":""" + errors + "}";

    private const string Types = "Use one of Asset, Liability, Equity, Income, Expense.";

    // The ledger's own refusals, after the body was read.
    private static string Corrections(string errors) =>
        """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Invalid request","status":400,"detail":"Please correct the highlighted fields.","errors":""" + errors + "}";

    private static string Lines(string first, string second = """{"accountId":"{cash}","amount":"-1"}""") =>
        $$"""{"date":"2026-11-01","description":"x","postings":[{{first}},{{second}}]}""";

    public static TheoryData<string, string, string> Transactions => new()
    {
        { "not JSON", "{not json", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Malformed JSON","status":400,"detail":"The body is not valid JSON: 'n' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1."}""" },
        { "nested too deep", $$"""{"x":{{new string('[', 20)}}{{new string(']', 20)}}}""", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Malformed JSON","status":400,"detail":"The body is not valid JSON: The maximum configured depth of 16 has been exceeded. Cannot read next JSON array. LineNumber: 0 | BytePositionInLine: 20."}""" },
        { "an array", "[]", Errors("""{"":["The body must be a JSON object."]}""") },
        { "null", "null", Errors("""{"":["The body must be a JSON object."]}""") },
        { "a number", "42", Errors("""{"":["The body must be a JSON object."]}""") },
        { "an amount given twice", Lines("""{"accountId":"{food}","amount":"1","amount":"1000"}"""), Errors("""{"postings[0].amount":["This field is given twice: give it once."]}""") },
        { "an empty object", "{}", Errors($$"""{"date":["{{Date}}"],"postings":["{{Postings}}"]}""") },
        { "names in another case", """{"Date":"2026-11-01","Description":"x","Postings":[]}""", Errors($$"""{"date":["{{Date}}"],"postings":["{{Postings}}"]}""") },
        { "date as a number", """{"date":20261101,"description":"x","postings":[]}""", Errors($$"""{"date":["{{Date}}"]}""") },
        { "date null", """{"date":null,"description":"x","postings":[]}""", Errors($$"""{"date":["{{Date}}"]}""") },
        { "date not ISO", """{"date":"01/11/2026","description":"x","postings":[]}""", Errors($$"""{"date":["{{Date}}"]}""") },
        { "a day the calendar lacks", """{"date":"2026-02-30","description":"x","postings":[]}""", Errors("""{"date":["There is no day 2026-02-30 in the calendar: check the month and the day."]}""") },
        { "date with a time", """{"date":"2026-11-01T00:00:00","description":"x","postings":[]}""", Errors($$"""{"date":["{{Date}}"]}""") },
        { "every top-level field wrong", """{"date":{},"description":5,"payee":true,"postings":"x"}""", Errors($$"""{"date":["{{Date}}"],"description":["Must be a string."],"payee":["Must be a string."],"postings":["{{Postings}}"]}""") },
        { "postings an object", """{"date":"2026-11-01","description":"x","postings":{}}""", Errors($$"""{"postings":["{{Postings}}"]}""") },
        { "postings null", """{"date":"2026-11-01","description":"x","postings":null}""", Errors($$"""{"postings":["{{Postings}}"]}""") },
        { "too many postings", $$"""{"date":"2026-11-01","description":"x","postings":[{{string.Join(",", Enumerable.Repeat("1", 101))}}]}""", Errors("""{"postings":["A transaction has at most 100 postings."]}""") },
        { "postings not objects", Lines("1", "null"), Errors($$"""{"postings[0]":["{{Posting}}"],"postings[1]":["{{Posting}}"]}""") },
        { "no account id", Lines("""{"amount":"1"}"""), Errors("""{"postings[0].accountId":["Give the account's id."]}""") },
        { "account id null", Lines("""{"accountId":null,"amount":"1"}"""), Errors("""{"postings[0].accountId":["Give the account's id."]}""") },
        { "account id a number", Lines("""{"accountId":5,"amount":"1"}"""), Errors($$"""{"postings[0].accountId":["{{NotAnId}}"]}""") },
        { "account id not a guid", Lines("""{"accountId":"food","amount":"1"}"""), Errors($$"""{"postings[0].accountId":["{{NotAnId}}"]}""") },
        { "account of another book", Lines("""{"accountId":"{unknown}","amount":true}"""), Errors("""{"postings[0].accountId":["This account does not exist in this book."]}""") },
        { "no amount", Lines("""{"accountId":"{food}"}"""), Errors("""{"postings[0].amount":["Give an amount, such as \"12.30\" or -12.3."]}""") },
        { "amount null", Lines("""{"accountId":"{food}","amount":null}"""), Errors($$"""{"postings[0].amount":["{{Amount}}"]}""") },
        { "amount an object", Lines("""{"accountId":"{food}","amount":{"value":1}}"""), Errors($$"""{"postings[0].amount":["{{Amount}}"]}""") },
        { "amount an array", Lines("""{"accountId":"{food}","amount":[1]}"""), Errors($$"""{"postings[0].amount":["{{Amount}}"]}""") },
        { "amount beyond a decimal", Lines("""{"accountId":"{food}","amount":1e400}"""), Errors("""{"postings[0].amount":["The amount is too large."]}""") },
        { "amount with too many decimals", Lines("""{"accountId":"{food}","amount":12.345}"""), Errors("""{"postings[0].amount":["USD allows at most 2 decimal places."]}""") },
        { "amount text", Lines("""{"accountId":"{food}","amount":"12,50"}"""), Errors("""{"postings[0].amount":["\"12,50\" is not an amount: in 1,234.56 style the comma only separates thousands; write 12.50."]}""") },
        { "memo a number", Lines("""{"accountId":"{food}","amount":"1","memo":5}"""), Errors("""{"postings[0].memo":["Must be a string."]}""") },
        { "faults in both postings", Lines("""{"accountId":5,"amount":true,"memo":[]}""", """{"accountId":"{cash}","amount":"ten","memo":false}"""),
            Errors($$"""{"postings[0].accountId":["{{NotAnId}}"],"postings[0].memo":["Must be a string."],"postings[1].amount":["\"ten\" is not an amount. Enter a number such as 1,234.56."],"postings[1].memo":["Must be a string."]}""") },
        { "a bad date hides bad postings", """{"date":"x","description":"x","postings":[1,{"accountId":5}]}""", Errors($$"""{"date":["{{Date}}"]}""") },
        { "a duplicate name", """{"date":"x","date":"2026-11-01","description":"x","postings":{}}""", Errors("""{"date":["This field is given twice: give it once."]}""") },
        { "no description", """{"date":"2026-11-01","postings":[{"accountId":"{food}","amount":"1"},{"accountId":"{cash}","amount":-1}]}""",
            Corrections("""{"description":["Enter a description of 1 to 200 characters."]}""") },
        { "NUL in the text", """{"date":"2026-11-01","description":"a\u0000","payee":"\u0000b","postings":[{"accountId":"{food}","amount":"1","memo":"c\u0000d"},{"accountId":"{cash}","amount":-1}]}""",
            Corrections("""{"description":["A description cannot contain the NUL character (U+0000)."],"payee":["A payee cannot contain the NUL character (U+0000)."],"postings[0].memo":["A memo cannot contain the NUL character (U+0000)."]}""") },
        { "unbalanced", Lines("""{"accountId":"{food}","amount":"2"}"""),
            Corrections("""{"postings":["The postings in USD do not balance: they are off by USD 1.00."]}""") },
    };

    public static TheoryData<string, string, string> Accounts => new()
    {
        { "not JSON", "{not json", """{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Malformed JSON","status":400,"detail":"The body is not valid JSON: 'n' is an invalid start of a property name. Expected a '\"'. LineNumber: 0 | BytePositionInLine: 1."}""" },
        { "an array", "[]", Errors("""{"":["This value has the wrong type."]}""") },
        { "null", "null", Errors("""{"":["The body must be a JSON object."]}""") },
        { "name a number", """{"name":5,"type":"Asset","currency":"USD"}""", Errors("""{"name":["This value has the wrong type."]}""") },
        { "an empty object", "{}", Errors($$"""{"type":["{{Types}}"]}""") },
        { "an unknown type", """{"name":"X","type":"Treasure","currency":"USD"}""", Errors($$"""{"type":["{{Types}}"]}""") },
        { "a type number", """{"name":"X","type":"1","currency":"USD"}""", Errors($$"""{"type":["{{Types}}"]}""") },
        { "no name", """{"type":"asset","currency":"USD"}""", Corrections("""{"name":["Enter a name of 1 to 100 characters."]}""") },
        { "NUL in the name", """{"name":"Petty\u0000cash","type":"asset","currency":"USD"}""", Corrections("""{"name":["A name cannot contain the NUL character (U+0000)."]}""") },
    };

    [Theory]
    [MemberData(nameof(Transactions))]
    public async Task A_refused_transaction_gets_exactly_its_problem_body(string refused, string body, string problem) =>
        await AssertRefusedAsync(refused, $"api/v1/books/{ledger.Book}/transactions", body, problem);

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task A_refused_account_gets_exactly_its_problem_body(string refused, string body, string problem) =>
        await AssertRefusedAsync(refused, $"api/v1/books/{ledger.Book}/accounts", body, problem);

    [Theory]
    [InlineData("/api/v1/books/{bookId}/transactions", typeof(ApiPostTransaction))]
    [InlineData("/api/v1/books/{bookId}/accounts", typeof(ApiCreateAccount))]
    [InlineData("/api/v1/books", typeof(ApiCreateBook))]
    public async Task The_document_shows_exactly_the_fields_of_the_record_a_post_binds(string path, Type bound)
    {
        var document = await ledger.Client.GetFromJsonAsync<JsonElement>("openapi/v1.json");
        JsonElement Resolve(JsonElement schema) => schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
        string[] Fields(Type type) => JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Select(p => p.Name).Order().ToArray();
        string[] Documented(JsonElement schema) => schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order().ToArray();

        var body = Resolve(document.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));

        Assert.Equal(Fields(bound), Documented(body));
        if (bound == typeof(ApiPostTransaction))
        {
            var posting = Resolve(body.GetProperty("properties").GetProperty("postings").GetProperty("items"));
            Assert.Equal(Fields(typeof(ApiPostingLine)), Documented(posting));
            var amount = Resolve(posting.GetProperty("properties").GetProperty("amount")).GetProperty("type");
            Assert.Equal(["number", "string"], amount.EnumerateArray().Select(t => t.GetString()).Order());
        }
    }

    /// <summary>
    /// Text that is not Unicode, in any string or name of any body: an unpaired surrogate written as an escape, or bytes
    /// that are not UTF-8 (an impossible byte, an overlong form, an encoded surrogate, a sequence cut short).
    /// </summary>
    [Theory]
    [InlineData("transactions", "POST", "escape")]
    [InlineData("transactions", "POST", "ff")]
    [InlineData("transactions", "POST", "c0af")]
    [InlineData("transactions", "POST", "eda080")]
    [InlineData("transactions", "POST", "e282")]
    [InlineData("transactions", "POST", "name")]
    [InlineData("transactions/batch", "POST", "escape")]
    [InlineData("transactions/batch", "POST", "ff")]
    [InlineData("accounts", "POST", "escape")]
    [InlineData("rates", "PUT", "escape")]
    [InlineData("schedules", "POST", "ff")]
    [InlineData("lock-date", "PUT", "escape")]
    public async Task Text_that_is_not_unicode_is_refused_with_where_it_is(string path, string method, string fault)
    {
        var text = fault switch
        {
            "escape" => "a\\ud800b"u8.ToArray(),
            "name" => "a"u8.ToArray(),
            _ => [(byte)'a', .. Convert.FromHexString(fault), (byte)'b'],
        };
        var (field, where) = fault == "name" ? ("\\udc00", "$") : ("description", "$.description");
        var description = (byte[])[.. "\""u8, .. Encoding.UTF8.GetBytes(field), .. "\":\""u8, .. text, .. "\""u8];
        var body = path switch
        {
            "transactions/batch" => (byte[])[.. """{"transactions":[{"date":"2026-11-01","""u8, .. description, .. "}]}"u8],
            _ => [.. """{"date":"2026-11-01","""u8, .. description, .. "}"u8],
        };
        if (path == "transactions/batch")
        {
            where = "$.transactions[0].description";
        }

        using var request = new HttpRequestMessage(new HttpMethod(method), $"api/v1/books/{ledger.Book}/{path}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        var response = await ledger.Client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Equal($"The body is not valid JSON: the text at {where} is not valid Unicode (UTF-8 without unpaired surrogates).",
            problem.GetProperty("detail").GetString());
        Assert.Equal(0, await ledger.RowsWrittenAsync());
    }

    [Theory]
    [InlineData("transactions")]
    [InlineData("accounts")]
    public async Task A_byte_order_mark_before_the_json_is_read_past(string path)
    {
        // Some clients (Windows tools among them) write one; the body after it is read as usual, here refused for its fields.
        byte[] body = [0xEF, 0xBB, 0xBF, .. "{}"u8];
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

        var response = await ledger.Client.PostAsync($"api/v1/books/{ledger.Book}/{path}", content);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid request", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(0, await ledger.RowsWrittenAsync());
    }

    [Theory]
    [InlineData("api/v1/books", "text/plain", "Send the body as JSON, with the header Content-Type: application/json.")]
    [InlineData("api/v1/books/{book}/accounts", "text/plain", "Send the body as JSON, with the header Content-Type: application/json.")]
    [InlineData("api/v1/books/{book}/transactions", "text/plain", "Send the body as JSON, with the header Content-Type: application/json.")]
    [InlineData("api/v1/books/restore?name=x", "application/json", "Send the body as text, with the header Content-Type: text/plain.")]
    [InlineData("api/v1/books/{book}/transactions/01a242a0-0000-7000-8000-000000000001/attachments", "application/json",
        "Send the body as multipart/form-data, with the header Content-Type: multipart/form-data.")]
    public async Task A_body_of_another_content_type_is_told_which_to_send(string path, string type, string detail)
    {
        using var content = new StringContent("""{"name":"Household"}""", Encoding.UTF8, type);

        var response = await ledger.Client.PostAsync(path.Replace("{book}", ledger.Book.ToString()), content);

        Assert.Equal(System.Net.HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("Unsupported Media Type", detail), (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString()));
        Assert.Equal(0, await ledger.RowsWrittenAsync());
    }

    private async Task AssertRefusedAsync(string refused, string url, string body, string problem)
    {
        var json = body.Replace("{food}", ledger.Food.ToString()).Replace("{cash}", ledger.Cash.ToString())
            .Replace("{unknown}", Guid.NewGuid().ToString());

        var response = await ledger.Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal((refused, Normalized(problem)), (refused, Normalized(await response.Content.ReadAsStringAsync())));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await ledger.RowsWrittenAsync());
    }

    // Key order and every character of every message count; only the JSON escaping of quotes is left to the serializer.
    private static string Normalized(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public sealed class Ledger : IAsyncLifetime
    {
        private AppHost app = default!;

        public HttpClient Client { get; private set; } = default!;

        public Guid Book { get; private set; }

        public Guid Food { get; private set; }

        public Guid Cash { get; private set; }

        public async Task InitializeAsync()
        {
            app = new AppHost(overrides: new Dictionary<string, string?> { ["Seed:DemoData"] = "false", ["Api:RequestsPerMinute"] = "100000" });
            var userId = await app.WithScopeAsync(async s =>
            {
                var user = new ApplicationUser { UserName = "alice@example.com", Email = "alice@example.com", DisplayName = "alice" };
                Assert.True((await s.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(user, "Some-Pass-123")).Succeeded);
                return user.Id;
            });
            var token = await app.WithScopeAsync(async s =>
                (await s.GetRequiredService<ApiTokenService>().CreateAsync(new Actor(userId), "test", ApiScopes.Write, 30)).Value!.Secret);
            Client = new HttpClient { BaseAddress = app.BaseAddress };
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Book = (await Client.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
            Food = await CreateAccountAsync("Food", "Expense");
            Cash = await CreateAccountAsync("Cash", "Asset");
        }

        private async Task<Guid> CreateAccountAsync(string name, string type)
        {
            var response = await Client.PostAsJsonAsync($"api/v1/books/{Book}/accounts", new { name, type, currency = "USD" });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        /// <summary>Transactions and accounts beyond the two the cases post to.</summary>
        public async Task<int> RowsWrittenAsync() => await app.WithScopeAsync(async s =>
        {
            await using var db = await s.GetRequiredService<IDbContextFactory<LedgerDbContext>>().CreateDbContextAsync();
            return await db.Transactions.CountAsync() + await db.Accounts.CountAsync() - 2;
        });

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await app.DisposeAsync();
        }
    }
}
