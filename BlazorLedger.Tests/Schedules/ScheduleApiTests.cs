using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using BlazorLedger.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BlazorLedger.Tests.Schedules;

/// <summary>Scheduled transactions over the API on a real Kestrel port (with the runner off, so the test decides when posts happen).</summary>
public sealed class ScheduleApiTests : AppHostTest
{
    private HttpClient writer = default!;
    private HttpClient reader = default!;
    private Guid book;
    private Guid checking;
    private Guid rent;

    protected override AppHost Start() =>
        AppHost.WithoutDemoData(settings: [("Api:RequestsPerMinute", "100000"), ("Schedules:Run", "false")]);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var user = await App.CreateUserAsync("alice@example.com");
        writer = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Write));
        reader = App.NewApiClient(await App.CreateTokenAsync(new Actor(user.Id), ApiScopes.Read));
        book = (await writer.GetFromJsonAsync<JsonElement>("api/v1/books"))[0].GetProperty("id").GetGuid();
        checking = await AccountAsync("Checking", "Asset");
        rent = await AccountAsync("Rent", "Expense");
    }

    public override async Task DisposeAsync()
    {
        writer.Dispose();
        reader.Dispose();
        await base.DisposeAsync();
    }

    private async Task<Guid> AccountAsync(string name, string type)
    {
        var response = await writer.PostAsJsonAsync($"api/v1/books/{book}/accounts", new { name, type, currency = "USD" });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private object Body(string start, object? recurrence, string amount = "800.00") => new
    {
        date = start, description = "Rent", payee = "Landlord",
        postings = new object[] { new { accountId = rent, amount }, new { accountId = checking, amount = "-" + amount } },
        recurrence,
    };

    [Fact]
    public async Task A_schedule_is_made_listed_posted_early_skipped_against_its_version_and_deleted()
    {
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(5);
        var made = await writer.PostAsJsonAsync($"api/v1/books/{book}/schedules",
            Body(start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new { unit = "week", every = 2, count = 3 }));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var schedule = await made.Content.ReadFromJsonAsync<JsonElement>();
        var id = schedule.GetProperty("id").GetGuid();
        Assert.Equal(("week", 2, 3), (schedule.GetProperty("recurrence").GetProperty("unit").GetString(),
            schedule.GetProperty("recurrence").GetProperty("every").GetInt32(), schedule.GetProperty("recurrence").GetProperty("count").GetInt32()));
        Assert.Equal([start, start.AddDays(14), start.AddDays(28)],
            schedule.GetProperty("nextDates").EnumerateArray().Select(d => DateOnly.Parse(d.GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("800.00", schedule.GetProperty("postings")[0].GetProperty("amount").GetString());

        var listed = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/schedules");
        Assert.Equal(id, listed[0].GetProperty("id").GetGuid());
        var upcoming = await reader.GetFromJsonAsync<JsonElement>($"api/v1/books/{book}/schedules/upcoming");
        Assert.Equal(2, upcoming.GetArrayLength());
        Assert.Equal("-1600.00", upcoming[1].GetProperty("postings")[1].GetProperty("balanceAfter").GetString());

        var early = await writer.PostAsync($"api/v1/books/{book}/schedules/{id}/post-now", null);
        Assert.Equal(HttpStatusCode.Created, early.StatusCode);
        var version = schedule.GetProperty("version").GetInt64();
        var stale = await writer.PostAsync($"api/v1/books/{book}/schedules/{id}/skip?version={version}", null);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var current = (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("current");
        Assert.Equal(1, current.GetProperty("done").GetInt32());
        var skipped = await writer.PostAsync($"api/v1/books/{book}/schedules/{id}/skip?version={current.GetProperty("version").GetInt64()}", null);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Equal(start.AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextDate").GetString());

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.DeleteAsync($"api/v1/books/{book}/schedules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await writer.DeleteAsync($"api/v1/books/{book}/schedules/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.DeleteAsync($"api/v1/books/{book}/schedules/{id}")).StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task Bad_schedules_are_refused_by_field_and_nothing_is_made()
    {
        async Task<JsonElement> ErrorsAsync(object body)
        {
            var response = await writer.PostAsJsonAsync($"api/v1/books/{book}/schedules", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        }

        Assert.True((await ErrorsAsync(Body("2026-12-01", null))).TryGetProperty("recurrence", out _));
        Assert.True((await ErrorsAsync(Body("2026-12-01", new { unit = "fortnight" }))).TryGetProperty("recurrence.unit", out _));
        var recurrence = await ErrorsAsync(Body("2026-12-01", new { unit = "week", every = 0, lastDayOfMonth = true, endDate = "2026-11-01" }));
        Assert.Equal(["recurrence.endDate", "recurrence.every", "recurrence.lastDayOfMonth"], recurrence.EnumerateObject().Select(p => p.Name).Order());
        Assert.True((await ErrorsAsync(Body("2026-12-01", new { unit = "month" }, amount: "1.234"))).TryGetProperty("postings[0].amount", out _));
        Assert.Equal(0, await App.WithDbAsync(db => db.Schedules.CountAsync()));
    }
}
