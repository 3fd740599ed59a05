using System.Globalization;
using System.Text.Json;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Api;

namespace BlazorLedger.Features.Schedules;

/// <summary>
/// Scheduled transactions over the API: read with the read scope; made, skipped, resumed, posted early and deleted with
/// the write scope by owners and editors. A schedule is made with the body of a post (its date the first occurrence's)
/// and a <c>recurrence</c>.
/// </summary>
internal static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this RouteGroupBuilder api)
    {
        api.MapGet("/books/{bookId:guid}/schedules", async (HttpContext http, Guid bookId, ScheduleService schedules, CancellationToken ct) =>
                ApiEndpoints.Respond(await schedules.ListAsync(ApiEndpoints.Caller(http), bookId, ct), list => Results.Ok(list.Select(ToApi))))
            .WithSummary("The book's scheduled transactions, the next due first")
            .Produces<IReadOnlyList<ApiSchedule>>();

        api.MapPost("/books/{bookId:guid}/schedules", CreateAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Schedules a transaction: the body of a post, dated on the first occurrence, with a recurrence")
            .WithDescription("recurrence: { unit: day|week|month, every: 1-366, lastDayOfMonth?: bool (monthly), endDate?: yyyy-MM-dd, " +
                "count?: 1-10000 }. Each occurrence is posted once on its date, in the maker's name, with the idempotency key " +
                "schedule:{id}:{date}.")
            .Accepts<ApiCreateSchedule>("application/json").Produces<ApiSchedule>(201);

        api.MapGet("/books/{bookId:guid}/schedules/upcoming",
                async (HttpContext http, Guid bookId, int? days, ScheduleService schedules, CancellationToken ct) =>
                    ApiEndpoints.Respond(await schedules.UpcomingAsync(ApiEndpoints.Caller(http), bookId, days ?? ScheduleService.UpcomingDays, ct),
                        list => Results.Ok(list.Select(ToApi))))
            .WithSummary("The running schedules' occurrences in the next days (30 by default), with each account's projected balance")
            .Produces<IReadOnlyList<ApiUpcomingOccurrence>>();

        api.MapPost("/books/{bookId:guid}/schedules/{scheduleId:guid}/skip",
                async (HttpContext http, Guid bookId, Guid scheduleId, long version, ScheduleService schedules, CancellationToken ct) =>
                    Changed(await schedules.SkipAsync(ApiEndpoints.Caller(http), bookId, scheduleId, version, ct)))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Skips the next occurrence (?version= as read; 409 with the current schedule when it has moved on)")
            .Produces<ApiSchedule>().ProducesProblem(409);

        api.MapPost("/books/{bookId:guid}/schedules/{scheduleId:guid}/resume",
                async (HttpContext http, Guid bookId, Guid scheduleId, long version, ScheduleService schedules, CancellationToken ct) =>
                    Changed(await schedules.ResumeAsync(ApiEndpoints.Caller(http), bookId, scheduleId, version, ct)))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Starts a stopped schedule again from its next occurrence (?version= as read)")
            .Produces<ApiSchedule>().ProducesProblem(409);

        api.MapPost("/books/{bookId:guid}/schedules/{scheduleId:guid}/post-now",
                async (HttpContext http, Guid bookId, Guid scheduleId, ScheduleService schedules, CancellationToken ct) =>
                {
                    var result = await schedules.PostNextNowAsync(ApiEndpoints.Caller(http), bookId, scheduleId, ct);
                    return ApiEndpoints.Respond(result, t => Results.Created($"/api/v1/books/{bookId}/transactions/{t.Id}", t.ToApi()));
                })
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Posts the next occurrence now: dated today when it falls later, else on its date")
            .Produces<ApiTransaction>(201).ProducesProblem(409);

        api.MapDelete("/books/{bookId:guid}/schedules/{scheduleId:guid}",
                async (HttpContext http, Guid bookId, Guid scheduleId, ScheduleService schedules, CancellationToken ct) =>
                    ApiEndpoints.Respond(await schedules.DeleteAsync(ApiEndpoints.Caller(http), bookId, scheduleId, ct), _ => Results.NoContent()))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Deletes a schedule; what it posted stays")
            .Produces(204);
        return api;
    }

    private static IResult Changed(Result<ScheduleDto> result) =>
        result.Status == ResultStatus.Conflict && result.Value is { } current
            ? Results.Problem(statusCode: 409, title: "Conflict", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["current"] = ToApi(current) })
            : ApiEndpoints.Respond(result, s => Results.Ok(ToApi(s)));

    private static async Task<IResult> CreateAsync(HttpContext http, Guid bookId, AccountService accounts, ScheduleService schedules,
        CancellationToken ct)
    {
        var actor = ApiEndpoints.Caller(http);
        var (json, problem) = await ApiEndpoints.ReadBodyAsync(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        ApiPostTransaction post;
        ApiRecurrence? recurrence = null;
        var errors = new Dictionary<string, string[]>();
        using (json)
        {
            if (json!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ApiEndpoints.NotAnObject();
            }
            post = json.RootElement.Deserialize<ApiPostTransaction>(ApiJson.Transactions)!;
            if (json.RootElement.TryGetProperty("recurrence", out var element) && element.ValueKind == JsonValueKind.Object)
            {
                try
                {
                    recurrence = element.Deserialize<ApiRecurrence>(JsonSerializerOptions.Web);
                }
                catch (JsonException)
                {
                    errors["recurrence"] = [RecurrenceShape];
                }
            }
            else
            {
                errors["recurrence"] = [RecurrenceShape];
            }
        }
        foreach (var (field, messages) in post.Problems())
        {
            errors[field] = messages;
        }
        var unit = ScheduleUnit.Day;
        DateOnly? end = null;
        if (recurrence is not null)
        {
            if (!Enum.TryParse(recurrence.Unit, ignoreCase: true, out unit) || !Enum.IsDefined(unit) || int.TryParse(recurrence.Unit, out _))
            {
                errors["recurrence.unit"] = ["Use day, week or month."];
            }
            if (recurrence.EndDate is not null)
            {
                if (IsoDate.TryParse(recurrence.EndDate, out var date))
                {
                    end = date;
                }
                else
                {
                    errors["recurrence.endDate"] = [IsoDate.Refusal(recurrence.EndDate)];
                }
            }
        }
        if (errors.Count > 0)
        {
            return ApiEndpoints.Validation(errors);
        }
        var known = await accounts.ListAsync(actor, bookId, ct: ct);
        if (!known.Succeeded)
        {
            return ApiEndpoints.Respond(known, _ => Results.Ok());
        }
        var command = post.ToCommand(bookId, known.Value!.ToDictionary(a => a.Id, a => a.Currency), null, out var lineErrors);
        if (command is null)
        {
            return ApiEndpoints.Validation(lineErrors);
        }
        var result = await schedules.CreateAsync(actor, new CreateSchedule(bookId, command.Description, command.Payee, command.Postings,
            new Recurrence(command.Date, unit, recurrence!.Every ?? 1, recurrence.LastDayOfMonth ?? false, end, recurrence.Count)), ct);
        if (result.Status == ResultStatus.Invalid)
        {
            // The service names the recurrence's fields as the record does; the API names them as the body does.
            return ApiEndpoints.Validation(result.Errors.ToDictionary(e => ApiField(e.Key), e => e.Value));
        }
        return ApiEndpoints.Respond(result, s => Results.Created($"/api/v1/books/{bookId}/schedules/{s.Id}", ToApi(s)));
    }

    private const string RecurrenceShape = "Give the recurrence as { unit, every, lastDayOfMonth?, endDate?, count? }.";

    private static string ApiField(string key) => key switch
    {
        nameof(Recurrence.Unit) or nameof(Recurrence.Every) or nameof(Recurrence.LastDayOfMonth) or nameof(Recurrence.EndDate)
            or nameof(Recurrence.Count) => "recurrence." + JsonNamingPolicy.CamelCase.ConvertName(key),
        "Date" => "date",
        _ => JsonNamingPolicy.CamelCase.ConvertName(key),
    };

    private static ApiSchedule ToApi(ScheduleDto s) => new(s.Id, s.Description, s.Payee,
        new ApiRecurrence(s.Unit.ToString().ToLowerInvariant(), s.Every, s.LastDayOfMonth, Iso(s.EndDate), s.Count), Iso(s.StartDate)!, s.Done,
        Iso(s.NextDate), s.NextDates.Select(d => Iso(d)!).ToList(), s.Problem, s.CreatedBy, s.Version,
        s.Lines.Select(l => new ApiPosting(l.AccountId, l.AccountName, l.Currency, Money.ToDecimalString(l.Amount, l.Currency, CultureInfo.InvariantCulture), l.Amount, l.Memo)).ToList());

    private static ApiUpcomingOccurrence ToApi(UpcomingOccurrence o) => new(Iso(o.Date)!, o.ScheduleId, o.Description,
        o.Lines.Select(l => new ApiUpcomingLine(l.AccountId, l.AccountName, l.Currency, Money.ToDecimalString(l.Amount, l.Currency, CultureInfo.InvariantCulture), l.Amount,
            Money.ToDecimalString(l.BalanceAfter, l.Currency, CultureInfo.InvariantCulture), l.BalanceAfter)).ToList());

    private static string? Iso(DateOnly? date) => date?.ToString(IsoDate.Format, CultureInfo.InvariantCulture);
}

public sealed record ApiRecurrence(string? Unit, int? Every, bool? LastDayOfMonth, string? EndDate, int? Count);

/// <summary>POST .../schedules: a post's body (date = the first occurrence) and its recurrence.</summary>
public sealed record ApiCreateSchedule(string Date, string Description, string? Payee, IReadOnlyList<ApiPostingLine> Postings, ApiRecurrence Recurrence);

public sealed record ApiSchedule(Guid Id, string Description, string? Payee, ApiRecurrence Recurrence, string StartDate, int Done, string? NextDate,
    IReadOnlyList<string> NextDates, string? Problem, string CreatedBy, long Version, IReadOnlyList<ApiPosting> Postings);

public sealed record ApiUpcomingLine(Guid AccountId, string AccountName, string Currency, string Amount, long AmountMinor, string BalanceAfter,
    long BalanceAfterMinor);

public sealed record ApiUpcomingOccurrence(string Date, Guid ScheduleId, string Description, IReadOnlyList<ApiUpcomingLine> Postings);
