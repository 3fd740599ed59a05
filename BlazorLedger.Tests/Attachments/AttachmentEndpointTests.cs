using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Attachments;

/// <summary>Attachments over HTTP on a real Kestrel: the page's link with the browser's cookie, and the API with tokens.</summary>
public sealed class AttachmentEndpointTests : AppHostTest
{
    private const string Alice = "alice@example.com";
    private const string Bob = "bob@example.com";
    private Guid book, lunch;
    private AttachmentDto receipt = default!;
    private Actor owner = default!;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000"), ("Attachments:MaxBytes", "4096")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var actor = new Actor((await App.CreateUserAsync(Alice)).Id);
        owner = actor;
        await App.CreateUserAsync(Bob);
        book = await App.WithDbAsync(db => Task.FromResult(db.BookMembers.Single(m => m.UserId == actor.UserId).BookId));
        receipt = await App.WithScopeAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var cash = (await accounts.CreateAsync(actor, new CreateAccount(book, "Cash", null, AccountType.Asset, "EUR"))).Value!.Id;
            var food = (await accounts.CreateAsync(actor, new CreateAccount(book, "Food", null, AccountType.Expense, "EUR"))).Value!.Id;
            lunch = (await services.GetRequiredService<PostingService>().PostAsync(actor, new PostTransaction(book, new DateOnly(2026, 3, 2), "Lunch", null,
                [new PostingLine(food, 3_50), new PostingLine(cash, -3_50)]))).Value!.Id;
            return (await services.GetRequiredService<AttachmentService>().AddAsync(actor,
                new AddAttachment(book, lunch, "Café receipt.png", AttachmentFiles.Stream(AttachmentFiles.Png)))).Value!;
        });
    }

    private string PageUrl => $"books/{book}/transactions/{lunch}/attachments/{receipt.Id}";
    private string ApiUrl => $"api/v1/books/{book}/transactions/{lunch}/attachments";

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var browser = App.NewBrowser();
        await AppHost.SignInAsync(browser, email, AppHost.UserPassword);
        return browser;
    }

    private static MultipartFormDataContent Form(byte[] content, string name, string field = "file") =>
        new() { { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("text/html") } }, field, name } };

    [Fact]
    public async Task The_page_link_serves_the_file_inline_sandboxed_unsniffed_and_cached_by_its_hash()
    {
        using var browser = await SignedInAsync(Alice);

        var response = await browser.GetAsync(PageUrl);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AttachmentFiles.Png, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox;", policy);
        Assert.Contains("default-src 'none'", policy);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("Café receipt.png", disposition.FileNameStar);
        Assert.Equal($"\"{receipt.Sha256}\"", response.Headers.ETag!.Tag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, PageUrl) { Headers = { IfNoneMatch = { response.Headers.ETag } } };
        var notModified = await browser.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_pdf_is_served_inline_without_the_sandbox_that_would_keep_chromes_viewer_from_showing_it()
    {
        var pdf = await App.WithScopeAsync(services => services.GetRequiredService<AttachmentService>().AddAsync(owner,
            new AddAttachment(book, lunch, "invoice.pdf", AttachmentFiles.Stream(AttachmentFiles.Pdf))));
        using var browser = await SignedInAsync(Alice);

        var response = await browser.GetAsync($"books/{book}/transactions/{lunch}/attachments/{pdf.Value!.Id}");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.DoesNotContain("sandbox", policy);
        Assert.DoesNotContain("default-src", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
    }

    [Fact]
    public async Task Another_user_gets_404_and_the_anonymous_are_sent_to_sign_in()
    {
        using var bob = await SignedInAsync(Bob);
        using var anonymous = App.NewBrowser();

        var refused = await bob.GetAsync(PageUrl);
        var madeUp = await bob.GetAsync($"books/{book}/transactions/{lunch}/attachments/{Guid.NewGuid()}");
        var signIn = await anonymous.GetAsync(PageUrl);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, madeUp.StatusCode);
        Assert.DoesNotContain(receipt.FileName, await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/Account/Login", signIn.Headers.Location!.ToString());
    }

    [Fact]
    public async Task The_API_lists_adds_by_content_downloads_and_removes_with_a_write_token()
    {
        using var api = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Write));

        // Declared as HTML and named .pdf: stored as the PNG its bytes are.
        var added = await api.PostAsync(ApiUrl, Form(AttachmentFiles.Png, "scan.pdf"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var body = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("scan.png", "image/png"), (body.GetProperty("fileName").GetString(), body.GetProperty("contentType").GetString()));
        var id = body.GetProperty("id").GetGuid();
        Assert.EndsWith($"{ApiUrl}/{id}", added.Headers.Location!.ToString());

        var list = await api.GetFromJsonAsync<JsonElement>(ApiUrl);
        Assert.Equal(["Café receipt.png", "scan.png"], list.EnumerateArray().Select(a => a.GetProperty("fileName").GetString()));
        var download = await api.GetAsync($"{ApiUrl}/{id}");
        Assert.Equal(AttachmentFiles.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{ApiUrl}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"{ApiUrl}/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_API_refuses_markup_oversized_files_a_read_token_and_other_users_books()
    {
        using var api = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Write));
        using var reader = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Read));
        using var bob = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Bob), ApiScopes.Write));

        var html = await api.PostAsync(ApiUrl, Form(AttachmentFiles.Html, "receipt.png"));
        var huge = await api.PostAsync(ApiUrl, Form([.. AttachmentFiles.Png, .. new byte[5000]], "huge.png"));
        var noFile = await api.PostAsync(ApiUrl, Form(AttachmentFiles.Png, "x.png", field: "other"));
        var two = Form(AttachmentFiles.Png, "a.png");
        two.Add(new ByteArrayContent(AttachmentFiles.Png), "file", "b.png");
        var twoFiles = await api.PostAsync(ApiUrl, two);

        Assert.Equal(HttpStatusCode.BadRequest, html.StatusCode);
        var problem = await html.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FileKinds.RefusedMessage, problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        // In bytes too, so that a file just over the limit does not read as its very size.
        Assert.Contains("at most 4 KB (4,096 bytes)", (await huge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twoFiles.StatusCode);
        Assert.Equal("Send one file per request: this one has several in the field \"file\".",
            (await twoFiles.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync(ApiUrl, Form(AttachmentFiles.Png, "x.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"{ApiUrl}/{receipt.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(ApiUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"{ApiUrl}/{receipt.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PostAsync(ApiUrl, Form(AttachmentFiles.Png, "x.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"{ApiUrl}/{receipt.Id}")).StatusCode);
        Assert.Single(await reader.GetFromJsonAsync<JsonElement[]>(ApiUrl) ?? []);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_attachment_endpoints_and_the_upload_form()
    {
        using var client = App.NewApiClient(await App.CreateTokenAsync(await App.ActorAsync(Alice), ApiScopes.Read));

        var document = await client.GetFromJsonAsync<JsonElement>("openapi/v1.json");

        var paths = document.GetProperty("paths");
        var collection = paths.GetProperty("/api/v1/books/{bookId}/transactions/{transactionId}/attachments");
        Assert.True(collection.TryGetProperty("get", out _));
        var schema = collection.GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data")
            .GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }
        Assert.True(schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("file", out _), schema.GetRawText());
        var item = paths.GetProperty("/api/v1/books/{bookId}/transactions/{transactionId}/attachments/{attachmentId}");
        Assert.True(item.TryGetProperty("get", out _));
        Assert.True(item.TryGetProperty("delete", out _));
    }
}
