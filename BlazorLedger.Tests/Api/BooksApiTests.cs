using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Audit;
using BlazorLedger.Features.Books;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorLedger.Tests.Api;

/// <summary>Creating, renaming and archiving books through the API, with the same rules and problems as the rest of it.</summary>
public sealed class BooksApiTests : AppHostTest
{
    private HttpClient alice = default!;

    protected override AppHost Start() => AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        alice = await ClientAsync("alice@example.com", ApiScopes.Write);
    }

    public override async Task DisposeAsync()
    {
        alice.Dispose();
        await base.DisposeAsync();
    }

    private async Task<HttpClient> ClientAsync(string email, string scope)
    {
        var user = await App.FindUserAsync(email) ?? await App.CreateUserAsync(email);
        return App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), scope));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PatchAsync(HttpClient client, Guid book, string json) =>
        client.PatchAsync($"api/v1/books/{book}", Json(json));

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }

    private async Task<ApiBook> CreateAsync(string json)
    {
        var response = await alice.PostAsync("api/v1/books", Json(json));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var book = (await response.Content.ReadFromJsonAsync<ApiBook>(JsonSerializerOptions.Web))!;
        Assert.Equal($"/api/v1/books/{book.Id}", response.Headers.Location!.OriginalString);
        return book;
    }

    [Fact]
    public async Task A_book_is_created_from_a_template_renamed_archived_and_unarchived()
    {
        var book = await CreateAsync("""{"name":"Shop","currency":"eur","template":"small-business"}""");

        Assert.Equal(("Shop", "EUR", "owner", false), (book.Name, book.BaseCurrency, book.Role, book.Archived));
        var accounts = await alice.GetFromJsonAsync<JsonElement>($"api/v1/books/{book.Id}/accounts");
        Assert.Equal(BookTemplates.AccountsOf(BookTemplate.SmallBusiness).Count, accounts.GetArrayLength());
        Assert.Equal(book, await alice.GetFromJsonAsync<ApiBook>($"api/v1/books/{book.Id}", JsonSerializerOptions.Web));

        var renamed = await PatchAsync(alice, book.Id, """{"name":"Corner shop","archived":true}""");
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(book with { Name = "Corner shop", Archived = true }, await renamed.Content.ReadFromJsonAsync<ApiBook>(JsonSerializerOptions.Web));
        var listed = await alice.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web);
        Assert.True(listed!.Single(b => b.Id == book.Id).Archived);

        // Archived, it is read-only: an account is refused with the reason.
        var account = await alice.PostAsJsonAsync($"api/v1/books/{book.Id}/accounts", new { name = "Till", type = "Asset", currency = "EUR" });
        Assert.Equal(HttpStatusCode.Conflict, account.StatusCode);
        Assert.Equal(BookAccess.ArchivedMessage, (await account.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var opened = await PatchAsync(alice, book.Id, """{"archived":false}""");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.False((await opened.Content.ReadFromJsonAsync<ApiBook>(JsonSerializerOptions.Web))!.Archived);
        var actions = await App.WithDbAsync(db => db.AuditEvents.Where(e => e.BookId == book.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(new[] { AuditActions.BookCreated, AuditActions.BookRenamed, AuditActions.BookArchived, AuditActions.BookUnarchived }.Order(),
            actions.Where(a => a.StartsWith("book.", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Bad_books_and_changes_get_problems_keyed_by_field_and_nothing_is_written()
    {
        var before = await App.WithDbAsync(db => db.Books.CountAsync());
        var mine = (await alice.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web))!.Single();

        Assert.Equal(["name"], (await ErrorsAsync(await alice.PostAsync("api/v1/books", Json("""{"name":"  ","currency":"USD"}""")))).EnumerateObject().Select(p => p.Name));
        Assert.Equal(["currency"], (await ErrorsAsync(await alice.PostAsync("api/v1/books", Json("""{"name":"Shop","currency":"XXQ"}""")))).EnumerateObject().Select(p => p.Name));
        Assert.Equal(["template"], (await ErrorsAsync(await alice.PostAsync("api/v1/books", Json("""{"name":"Shop","currency":"USD","template":"farm"}""")))).EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], (await ErrorsAsync(await alice.PostAsync("api/v1/books", Json("""{"name":5,"currency":"USD"}""")))).EnumerateObject().Select(p => p.Name));
        Assert.Equal([""], (await ErrorsAsync(await alice.PostAsync("api/v1/books", Json("[]")))).EnumerateObject().Select(p => p.Name));
        Assert.Equal([""], (await ErrorsAsync(await PatchAsync(alice, mine.Id, "{}"))).EnumerateObject().Select(p => p.Name));
        Assert.Equal(["archived"], (await ErrorsAsync(await PatchAsync(alice, mine.Id, """{"archived":"yes"}"""))).EnumerateObject().Select(p => p.Name));
        Assert.Equal(["name"], (await ErrorsAsync(await PatchAsync(alice, mine.Id, """{"name":""}"""))).EnumerateObject().Select(p => p.Name));

        Assert.Equal(before, await App.WithDbAsync(db => db.Books.CountAsync()));
        Assert.Equal(mine, await alice.GetFromJsonAsync<ApiBook>($"api/v1/books/{mine.Id}", JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Only_owners_change_a_book_outsiders_do_not_find_it_and_read_tokens_cannot_create()
    {
        var mine = (await alice.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web))!.Single();
        using var bob = await ClientAsync("bob@example.com", ApiScopes.Write);
        using var carol = await ClientAsync("carol@example.com", ApiScopes.Write);
        using var reader = await ClientAsync("alice@example.com", ApiScopes.Read);
        var bobId = (await App.FindUserAsync("bob@example.com"))!.Id;
        await App.WithDbAsync(db =>
        {
            db.BookMembers.Add(new BookMember { BookId = mine.Id, UserId = bobId, Role = BookRole.Editor, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(bob, mine.Id, """{"archived":true}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(carol, mine.Id, """{"name":"Mine"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carol.GetAsync($"api/v1/books/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(alice, Guid.NewGuid(), """{"name":"Nowhere"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync("api/v1/books", Json("""{"name":"Shop","currency":"USD"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PatchAsync($"api/v1/books/{mine.Id}", Json("""{"name":"Shop"}"""))).StatusCode);

        Assert.Equal(mine, await alice.GetFromJsonAsync<ApiBook>($"api/v1/books/{mine.Id}", JsonSerializerOptions.Web));
        Assert.Single((await carol.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web))!);
    }

    [Fact]
    public async Task A_member_leaves_a_book_through_the_API_and_its_last_owner_cannot()
    {
        var mine = (await alice.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web))!.Single();
        using var bob = await ClientAsync("bob@example.com", ApiScopes.Write);
        using var bobReading = await ClientAsync("bob@example.com", ApiScopes.Read);
        var bobId = (await App.FindUserAsync("bob@example.com"))!.Id;
        await App.WithDbAsync(db =>
        {
            db.BookMembers.Add(new BookMember { BookId = mine.Id, UserId = bobId, Role = BookRole.Editor, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        var lastOwner = await alice.DeleteAsync($"api/v1/books/{mine.Id}/members/me");
        var readOnly = await bobReading.DeleteAsync($"api/v1/books/{mine.Id}/members/me");
        var left = await bob.DeleteAsync($"api/v1/books/{mine.Id}/members/me");
        var again = await bob.DeleteAsync($"api/v1/books/{mine.Id}/members/me");

        Assert.Equal(HttpStatusCode.Conflict, lastOwner.StatusCode);
        Assert.Contains("owner", (await lastOwner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, left.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"api/v1/books/{mine.Id}")).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.BookMembers.CountAsync(m => m.BookId == mine.Id)));
        Assert.Equal(1, await App.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.BookId == mine.Id && a.Action == "member.removed")));
    }

    [Fact]
    public async Task A_token_limited_to_one_book_sees_and_changes_that_book_alone()
    {
        var personal = (await alice.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web))!.Single();
        var shop = await CreateAsync("""{"name":"Shop","currency":"EUR","template":"small-business"}""");
        var aliceActor = await App.ActorAsync("alice@example.com");
        using var limited = App.NewApiClient(await App.CreateTokenAsync(aliceActor, ApiScopes.Write, book: shop.Id));
        var outsider = await App.CreateUserAsync("olga@example.com");
        var books = await App.WithDbAsync(db => db.Books.CountAsync());

        var listed = await limited.GetFromJsonAsync<List<ApiBook>>("api/v1/books", JsonSerializerOptions.Web);
        var shopAccounts = await limited.GetAsync($"api/v1/books/{shop.Id}/accounts");
        var personalAccounts = await limited.GetAsync($"api/v1/books/{personal.Id}/accounts");
        var personalBook = await limited.GetAsync($"api/v1/books/{personal.Id}");
        var renamed = await limited.PatchAsync($"api/v1/books/{personal.Id}", Json("""{"name":"Mine now"}"""));
        var created = await limited.PostAsync("api/v1/books", Json("""{"name":"Another","currency":"USD"}"""));
        var restored = await limited.PostAsync("api/v1/books/restore?name=Copy", new StringContent("", Encoding.UTF8, "text/plain"));
        var audit = await limited.GetAsync("api/v1/admin/audit.csv");

        Assert.Equal([shop.Id], listed!.Select(b => b.Id));
        Assert.Equal(HttpStatusCode.OK, shopAccounts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, personalAccounts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, personalBook.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, restored.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(books, await App.WithDbAsync(db => db.Books.CountAsync()));
        Assert.Equal(personal.Name, (await alice.GetFromJsonAsync<ApiBook>($"api/v1/books/{personal.Id}", JsonSerializerOptions.Web))!.Name);

        // Only a book of one's own can be chosen.
        var refused = await App.WithScopeAsync(s => s.GetRequiredService<ApiTokenService>()
            .CreateAsync(new Actor(outsider.Id), "sneaky", ApiScopes.Read, 30, shop.Id));
        Assert.Equal(ResultStatus.Invalid, refused.Status);
        Assert.Contains("Book", refused.Errors.Keys);
    }
}
