using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;
using BlazorLedger.Common;
using BlazorLedger.Data;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Rates;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Schedules;
using BlazorLedger.Features.Transactions;

namespace BlazorLedger.Features.Api;

/// <summary>
/// The JSON API: the same services as the pages, acting for the token's user. Bodies are read here rather than by the
/// framework's binding so that every bad payload gets a clear 4xx problem (RFC 9457) with errors keyed by field, never a
/// 500, and nothing is written; the records they bind to are the ones the OpenAPI document shows.
/// </summary>
public static class ApiEndpoints
{
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>A batch may carry a thousand transactions of several postings each.</summary>
    public const int MaxBatchBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapLedgerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(ApiRegistration.ReadPolicy)
            .RequireRateLimiting(ApiRegistration.RateLimitPolicy)
            .AddEndpointFilter(RefuseRepeatedQueryAsync)
            .WithTags("Ledger");

        api.MapGet("/books", async (HttpContext http, BookService books, CancellationToken ct) =>
                Results.Ok((await books.ListAsync(Caller(http), ct)).Select(b => b.ToApi())))
            .Produces<IReadOnlyList<ApiBook>>();

        api.MapPost("/books", CreateBookAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .Accepts<ApiCreateBook>("application/json").Produces<ApiBook>(201);

        api.MapGet("/books/{bookId:guid}", async (HttpContext http, Guid bookId, BookService books, CancellationToken ct) =>
                Respond(await books.GetAsync(Caller(http), bookId, ct), b => Results.Ok(b.ToApi())))
            .Produces<ApiBook>();

        api.MapPatch("/books/{bookId:guid}", UpdateBookAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .Accepts<ApiUpdateBook>("application/json").Produces<ApiBook>();

        // The caller leaves the book; its last owner cannot (409), the book would have nobody to manage it.
        api.MapDelete("/books/{bookId:guid}/members/me",
                async (HttpContext http, Guid bookId, MembershipService members, CancellationToken ct) =>
                {
                    var caller = Caller(http);
                    return Respond(await members.RemoveAsync(caller, bookId, caller.UserId, ct), _ => Results.NoContent());
                })
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Leave a book")
            .Produces(204).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/books/{bookId:guid}/lock-date", async (HttpContext http, Guid bookId, BookService books, CancellationToken ct) =>
                Respond(await books.GetLockDateAsync(Caller(http), bookId, ct), date => Results.Ok(new ApiLockDate(date))))
            .WithSummary("The book's lock date: nothing dated on or before it can be posted, voided, corrected or amended")
            .Produces<ApiLockDate>();

        api.MapPut("/books/{bookId:guid}/lock-date", SetLockDateAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Close the book up to and including a date, or open every period with null: owners only")
            .Accepts<ApiLockDate>("application/json").Produces<ApiLockDate>().ProducesProblem(403);

        api.MapGet("/books/{bookId:guid}/accounts", async (HttpContext http, Guid bookId, AccountService accounts, CancellationToken ct) =>
                Respond(await accounts.ListAsync(Caller(http), bookId, ct: ct), list => Results.Ok(list.Select(a => a.ToApi()))))
            .Produces<IReadOnlyList<ApiAccount>>();

        api.MapPost("/books/{bookId:guid}/accounts", CreateAccountAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Create an account, optionally under a parent and with an opening balance posted in the same step")
            .Accepts<ApiCreateAccount>("application/json").Produces<ApiAccount>(201);

        api.MapPatch("/books/{bookId:guid}/accounts/{accountId:guid}", UpdateAccountAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Change an account's name, code, parent or archived state, against its version")
            .Accepts<ApiUpdateAccount>("application/json").Produces<ApiAccount>(200).ProducesProblem(409);

        api.MapGet("/books/{bookId:guid}/accounts/{accountId:guid}",
                async (HttpContext http, Guid bookId, Guid accountId, AccountService accounts, CancellationToken ct) =>
                    Respond(await accounts.GetAsync(Caller(http), bookId, accountId, ct), a => Results.Ok(a.ToApi())))
            .Produces<ApiAccount>();

        api.MapGet("/books/{bookId:guid}/accounts/{accountId:guid}/register",
                async (HttpContext http, Guid bookId, Guid accountId, string? limit, string? cursor, string? from, string? to, string? q,
                    RegisterService register, CancellationToken ct) =>
                {
                    if (PagingProblem(limit, from, to, out var size, out var start, out var end) is { } problem)
                    {
                        return problem;
                    }
                    var page = await register.GetPageAsync(Caller(http), new RegisterQuery(bookId, accountId, size, cursor, start, end, q), ct);
                    return Respond(page, p => Results.Ok(new ApiPage<ApiRegisterItem>(p.Items.Select(i => i.ToApi(p.Currency)).ToList(), p.NextCursor)));
                })
            .Produces<ApiPage<ApiRegisterItem>>();

        api.MapGet("/books/{bookId:guid}/accounts/{accountId:guid}/reconciliations",
                async (HttpContext http, Guid bookId, Guid accountId, ReconciliationService reconciliations, CancellationToken ct) =>
                    Respond(await reconciliations.ListAsync(Caller(http), bookId, accountId, ct), list => Results.Ok(list.Select(r => r.ToApi()))))
            .WithSummary("The account's reconciliations with bank statements, the latest statement first")
            .Produces<IReadOnlyList<ApiReconciliation>>().ProducesProblem(404);

        api.MapPost("/books/{bookId:guid}/accounts/{accountId:guid}/reconciliations", ReconcileAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Reconcile an account with a statement: mark its postings reconciled, at zero difference or with an adjustment")
            .Accepts<ApiReconcile>("application/json").Produces<ApiReconciliation>(201).ProducesProblem(409);

        api.MapPut("/books/{bookId:guid}/accounts/{accountId:guid}/postings/{postingId:long}/state", SetPostingStateAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Mark a posting cleared or uncleared by hand; a reconciled posting cannot be changed (409)")
            .Accepts<ApiSetPostingState>("application/json").Produces<ApiPostingState>().ProducesProblem(404).ProducesProblem(409);

        // Amounts are read the invariant way ("1234.5"); a bad value is a 400 naming the parameter.
        api.MapGet("/books/{bookId:guid}/transactions",
                async (HttpContext http, Guid bookId, string? limit, string? cursor, string? from, string? to, string? q, string? tag,
                    string? account, string? payee, string? minAmount, string? maxAmount, TransactionListService list, CancellationToken ct) =>
                {
                    if (PagingProblem(limit, from, to, out var size, out var start, out var end) is { } problem)
                    {
                        return problem;
                    }
                    Guid? accountId = null;
                    if (account is not null)
                    {
                        if (!Guid.TryParse(account, out var id))
                        {
                            return Validation(new() { ["account"] = ["Give an account id."] });
                        }
                        accountId = id;
                    }
                    var page = await list.SearchAsync(Caller(http), new TransactionQuery(bookId, size, cursor, q, payee, From: start, To: end, Tag: tag,
                        Account: accountId, MinAmount: minAmount, MaxAmount: maxAmount, Culture: CultureInfo.InvariantCulture), ct);
                    return Respond(page, p => Results.Ok(new ApiPage<ApiTransaction>(p.Items.Select(i => i.ToApi()).ToList(), p.NextCursor)));
                })
            .Produces<ApiPage<ApiTransaction>>();

        // The book's payees from its transactions, the most used first; q matches anywhere in the name, ignoring case.
        api.MapGet("/books/{bookId:guid}/payees",
                async (HttpContext http, Guid bookId, string? q, string? limit, PayeeService payees, CancellationToken ct) =>
                {
                    var size = 10;
                    if (limit is not null && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size))
                    {
                        return Validation(new() { ["limit"] = [$"Give a whole number from 1 to {PayeeService.MaxLimit}."] });
                    }
                    return Respond(await payees.ListAsync(Caller(http), bookId, q, size, ct), list => Results.Ok(list));
                })
            .WithSummary("List the book's payees, the most used first")
            .Produces<IReadOnlyList<PayeeDto>>();

        api.MapPost("/books/{bookId:guid}/transactions",
                (HttpContext http, Guid bookId, AccountService accounts, PostingService postings, CancellationToken ct) =>
                    PostTransactionAsync(http, bookId, accounts, postings.PostAsync, ct))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .Accepts<ApiPostTransaction>("application/json").Produces<ApiTransaction>(201).Produces<ApiTransaction>(200).ProducesProblem(409);

        api.MapPost("/books/{bookId:guid}/transactions/batch", PostBatchAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .Accepts<ApiPostBatch>("application/json").Produces<ApiBatchResponse>(200).ProducesProblem(409);

        api.MapGet("/books/{bookId:guid}/transactions/{transactionId:guid}",
                async (HttpContext http, Guid bookId, Guid transactionId, PostingService postings, CancellationToken ct) =>
                    Respond(await postings.GetAsync(Caller(http), bookId, transactionId, ct), t => Results.Ok(t.ToApi())))
            .Produces<ApiTransaction>();

        api.MapPost("/books/{bookId:guid}/transactions/{transactionId:guid}/void",
                async (HttpContext http, Guid bookId, Guid transactionId, bool? overrideReconciled, PostingService postings, CancellationToken ct) =>
                    Respond(await postings.VoidAsync(Caller(http), bookId, transactionId, overrideReconciled ?? false, ct),
                        t => Results.Created($"/api/v1/books/{bookId}/transactions/{t.Id}", t.ToApi())))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Void a transaction: its reversal, dated like it, or on the first open day when it is on or before the lock date")
            .WithDescription("A transaction with a posting reconciled with a bank statement is voided only by an owner with ?overrideReconciled=true (audited); without it, 409.")
            .Produces<ApiTransaction>(201).ProducesProblem(409);

        // A void and a replacement in one: the body is a transaction as POST .../transactions takes it, idempotent the same way.
        api.MapPost("/books/{bookId:guid}/transactions/{transactionId:guid}/correct",
                (HttpContext http, Guid bookId, Guid transactionId, AccountService accounts, PostingService postings, CancellationToken ct) =>
                    PostTransactionAsync(http, bookId, accounts, (actor, command, c) => postings.CorrectAsync(actor, bookId, transactionId, command, c), ct))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Correct a transaction: void it and post its replacement, both or neither")
            .Accepts<ApiPostTransaction>("application/json").Produces<ApiTransaction>(201).Produces<ApiTransaction>(200)
            .ProducesProblem(409);

        api.MapPatch("/books/{bookId:guid}/transactions/{transactionId:guid}", AmendTransactionAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Amend a transaction's description, payee, memos or tags (never its amounts), against its version")
            .Accepts<ApiAmendTransaction>("application/json").Produces<ApiTransaction>(200).ProducesProblem(409);

        api.MapGet("/books/{bookId:guid}/transactions/{transactionId:guid}/amendments",
                async (HttpContext http, Guid bookId, Guid transactionId, PostingService postings, CancellationToken ct) =>
                    Respond(await postings.AmendmentsAsync(Caller(http), bookId, transactionId, ct), list => Results.Ok(list)))
            .Produces<IReadOnlyList<TransactionAmendmentDto>>().ProducesProblem(404);

        // The whole book as a journal, or the transactions a search finds as CSV (the list's filters, plus sort), streamed.
        api.MapGet("/books/{bookId:guid}/export",
                (HttpContext http, Guid bookId, string? format, string? q, string? payee, string? amount, string? from, string? to, string? sort,
                    string? account, string? tag, string? minAmount, string? maxAmount, BookExportService books, TransactionCsvExport csv, CancellationToken ct) =>
                    ExportEndpoints.ExportAsync(http, bookId, new ExportRequest(format, q, payee, amount, from, to, sort, account, tag, minAmount, maxAmount),
                        CultureInfo.InvariantCulture, books, csv, ct))
            .Produces<string>(200, "text/csv", "text/plain");

        api.MapReportApi();
        api.MapAttachmentApi();
        api.MapRateApi();
        api.MapScheduleApi();

        // A book's hledger export, restored into a new book that the caller owns.
        api.MapPost("/books/restore", RestoreAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .Accepts<string>("text/plain").Produces<ApiBook>(201);

        return endpoints;
    }

    /// <summary>A new book owned by the caller, with its template's accounts.</summary>
    private static async Task<IResult> CreateBookAsync(HttpContext http, BookService books, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync<ApiCreateBook>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        var template = BookTemplate.Empty;
        if (body!.Template is not null && !BookTemplates.TryParseApiName(body.Template, out template))
        {
            return Validation(new() { ["template"] = ["Use one of household, small-business, empty."] });
        }
        var result = await books.CreateAsync(Caller(http), new CreateBook(body.Name ?? "", body.Currency ?? "", template), ct);
        // The service names the field after the book's property; the body calls it currency.
        return result.Status == ResultStatus.Invalid
            ? Validation(result.Errors.ToDictionary(e => e.Key == "BaseCurrency" ? "currency" : Camel(e.Key), e => e.Value), result.Message)
            : Respond(result, b => Results.Created($"/api/v1/books/{b.Id}", b.ToApi()));
    }

    /// <summary>Renames, archives or unarchives a book: owners only.</summary>
    private static async Task<IResult> UpdateBookAsync(HttpContext http, Guid bookId, BookService books, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync<ApiUpdateBook>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Name is null && body.Archived is null)
        {
            return Validation(new() { [""] = ["Give a name, archived, or both."] });
        }
        return Respond(await books.UpdateAsync(Caller(http), bookId, new UpdateBook(body.Name, body.Archived), ct), b => Results.Ok(b.ToApi()));
    }

    private static async Task<IResult> CreateAccountAsync(HttpContext http, Guid bookId, AccountService accounts, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync<ApiCreateAccount>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        var errors = new Dictionary<string, string[]>();
        if (!Enum.TryParse<AccountType>(body!.Type, ignoreCase: true, out var type) || !Enum.IsDefined(type) || int.TryParse(body.Type, out _))
        {
            errors["type"] = ["Use one of Asset, Liability, Equity, Income, Expense."];
        }
        long? opening = null;
        if (body.OpeningBalance is { } amount)
        {
            // The currency's digits decide how the amount reads; an unknown currency is reported by the service.
            var currency = (body.Currency ?? "").Trim().ToUpperInvariant();
            if (Currencies.IsKnown(currency))
            {
                if (amount.ToMinor(currency, out var minor) is { } error)
                {
                    errors["openingBalance"] = [error];
                }
                opening = minor;
            }
        }
        DateOnly? openingDate = null;
        if (body.OpeningDate is not null)
        {
            if (IsoDate.TryParse(body.OpeningDate, out var date))
            {
                openingDate = date;
            }
            else
            {
                errors["openingDate"] = [IsoDate.Refusal(body.OpeningDate)];
            }
        }
        if (errors.Count > 0)
        {
            return Validation(errors);
        }
        var result = await accounts.CreateAsync(Caller(http),
            new CreateAccount(bookId, body.Name ?? "", body.Code, type, body.Currency ?? "", body.ParentId, opening, openingDate), ct);
        return Respond(result, a => Results.Created($"/api/v1/books/{bookId}/accounts/{a.Id}", a.ToApi()));
    }

    private static async Task<IResult> ReconcileAsync(HttpContext http, Guid bookId, Guid accountId, AccountService accounts,
        ReconciliationService reconciliations, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync<ApiReconcile>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        var actor = Caller(http);
        var account = await accounts.GetAsync(actor, bookId, accountId, ct);
        if (!account.Succeeded)
        {
            return Respond(account, _ => Results.NoContent());
        }
        var errors = new Dictionary<string, string[]>();
        if (!IsoDate.TryParse(body!.StatementDate, out var date))
        {
            errors["statementDate"] = [IsoDate.Refusal(body.StatementDate)];
        }
        long balance = 0;
        if (body.StatementBalance.ToMinor(account.Value!.Currency, out balance) is { } error)
        {
            errors["statementBalance"] = [error];
        }
        if (body.PostingIds is null)
        {
            errors["postingIds"] = ["Give the ids of the postings on the statement (an empty list for none)."];
        }
        if (errors.Count > 0)
        {
            return Validation(errors);
        }
        var result = await reconciliations.FinishAsync(actor,
            new FinishReconciliation(bookId, accountId, date, balance, body.PostingIds!, body.AdjustmentAccountId), ct);
        return result.Status == ResultStatus.Invalid
            ? Validation(result.Errors.ToDictionary(e => Camel(e.Key), e => e.Value), result.Message)
            : Respond(result, r => Results.Created($"/api/v1/books/{bookId}/accounts/{accountId}/reconciliations", r.ToApi()));
    }

    /// <summary>
    /// Changes what the body names, against the version the client read, all in one step; the fields it leaves out keep the
    /// values the account has now. A stale version is 409 with the current account, as the account dialog shows it.
    /// </summary>
    private static async Task<IResult> UpdateAccountAsync(HttpContext http, Guid bookId, Guid accountId, AccountService accounts,
        CancellationToken ct)
    {
        var actor = Caller(http);
        var (body, problem) = await ReadJsonAsync<ApiUpdateAccount>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Problems() is { Count: > 0 } problems)
        {
            return Validation(problems);
        }
        var current = await accounts.GetAsync(actor, bookId, accountId, ct);
        if (!current.Succeeded)
        {
            return Respond(current, _ => Results.Ok());
        }
        var a = current.Value!;
        var command = new UpdateAccount(bookId, accountId, body.Version!.Value, body.Name.Value ?? a.Name,
            body.Code.Value is { } code ? code : a.Code, a.Type, a.Currency,
            body.ParentId.IsGiven ? body.ParentId.Value : a.ParentId, body.Archived);
        var result = await accounts.UpdateAsync(actor, command, ct);
        if (result.Status == ResultStatus.Conflict && result.Value is { } theirs)
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["current"] = theirs.ToApi() });
        }
        return Respond(result, updated => Results.Ok(updated.ToApi()));
    }

    private static async Task<IResult> SetPostingStateAsync(HttpContext http, Guid bookId, Guid accountId, long postingId,
        ReconciliationService reconciliations, CancellationToken ct)
    {
        var (body, problem) = await ReadJsonAsync<ApiSetPostingState>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        PostingState state;
        if (string.Equals(body!.State, "cleared", StringComparison.OrdinalIgnoreCase))
        {
            state = PostingState.Cleared;
        }
        else if (string.Equals(body.State, "uncleared", StringComparison.OrdinalIgnoreCase))
        {
            state = PostingState.Uncleared;
        }
        else
        {
            return Validation(new() { ["state"] = ["Give \"cleared\" or \"uncleared\"; a posting is reconciled by finishing a reconciliation."] });
        }
        var result = await reconciliations.SetStateAsync(Caller(http), new SetPostingState(bookId, accountId, postingId, state), ct);
        return Respond(result, p => Results.Ok(new ApiPostingState(p.PostingId, p.AccountId, p.TransactionId, p.State.ToString())));
    }

    private static async Task<IResult> SetLockDateAsync(HttpContext http, Guid bookId, BookService books, CancellationToken ct)
    {
        var (json, problem) = await ReadBodyAsync(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        ApiLockDate body;
        using (json)
        {
            if (json!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NotAnObject();
            }
            try
            {
                body = json.RootElement.Deserialize<ApiLockDate>(JsonSerializerOptions.Web)!;
            }
            catch (JsonException)
            {
                // The body's one field is the date: whatever failed, it is what is missing or malformed.
                return Validation(new() { ["date"] = ["Give the last day of the closed period as yyyy-MM-dd, or null to open every period."] });
            }
        }
        var result = await books.SetLockDateAsync(Caller(http), bookId, body.Date, ct);
        return result.Status == ResultStatus.Invalid
            ? Validation(new() { ["date"] = result.Errors.Values.SelectMany(e => e).ToArray() }, result.Message)
            : Respond(result, date => Results.Ok(new ApiLockDate(date)));
    }

    /// <summary>A journal may be far larger than a JSON body; the server's default request limit would refuse a large book's.</summary>
    public const int MaxJournalBytes = 64 * 1024 * 1024;

    private static async Task<IResult> RestoreAsync(HttpContext http, string? name, JournalRestoreService restore, CancellationToken ct)
    {
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxJournalBytes;
        }
        if (http.Request.ContentLength > MaxJournalBytes)
        {
            return JournalTooLarge();
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxJournalBytes)
            {
                return JournalTooLarge();
            }
            buffer.Write(chunk, 0, read);
        }
        var result = await restore.RestoreAsync(Caller(http), name ?? "", buffer.ToArray(), ct);
        // The new book's accounts are where a client goes next.
        return Respond(result, b => Results.Created($"/api/v1/books/{b.Id}/accounts", b.ToApi()));
    }

    private static IResult JournalTooLarge() =>
        Results.Problem(statusCode: 413, title: "Payload too large", detail: $"A journal may be at most {MaxJournalBytes / 1024 / 1024} MiB.");

    private static async Task<IResult> AmendTransactionAsync(HttpContext http, Guid bookId, Guid transactionId, PostingService postings,
        CancellationToken ct)
    {
        var actor = Caller(http);
        var (body, problem) = await ReadJsonAsync<ApiAmendTransaction>(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (body!.Problems() is { Count: > 0 } problems)
        {
            return Validation(problems);
        }
        var current = await postings.GetAsync(actor, bookId, transactionId, ct);
        if (!current.Succeeded)
        {
            return Respond(current, _ => Results.Ok());
        }
        var t = current.Value!;
        var command = new AmendTransaction(bookId, transactionId, body.Version!.Value,
            body.Description.Value ?? t.Description,
            body.Payee.Value ?? t.Payee,
            body.Memos.Values ?? t.Postings.Select(p => p.Memo).ToList(),
            body.Tags.Values?.OfType<string>().ToList() ?? t.TagList);
        var result = await postings.AmendAsync(actor, command, ct);
        if (result.Status == ResultStatus.Conflict && result.Value is { } theirs)
        {
            // As the account dialog shows them: what the transaction is now, to merge with or overwrite.
            return Results.Problem(statusCode: 409, title: "Conflict", detail: result.Message,
                extensions: new Dictionary<string, object?> { ["current"] = theirs.ToApi() });
        }
        return Respond(result, amended => Results.Ok(amended.ToApi()));
    }

    private static async Task<IResult> PostTransactionAsync(HttpContext http, Guid bookId, AccountService accounts,
        Func<Actor, PostTransaction, CancellationToken, Task<Result<TransactionDto>>> post, CancellationToken ct)
    {
        var actor = Caller(http);
        var (json, problem) = await ReadBodyAsync(http, ct);
        if (problem is not null)
        {
            return problem;
        }
        ApiPostTransaction body;
        using (json)
        {
            if (json!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NotAnObject();
            }
            body = json.RootElement.Deserialize<ApiPostTransaction>(ApiJson.Transactions)!;
        }
        if (body.Problems() is { Count: > 0 } problems)
        {
            return Validation(problems);
        }

        // Only the accounts the body names: their currencies say how to read the amounts.
        var known = await accounts.CurrenciesAsync(actor, bookId, body.AccountIds(), ct);
        if (!known.Succeeded)
        {
            return Respond(known, _ => Results.Ok());
        }
        string? key = http.Request.Headers["Idempotency-Key"];
        var command = body.ToCommand(bookId, known.Value!, string.IsNullOrWhiteSpace(key) ? null : key, out var errors);
        if (command is null)
        {
            return Validation(errors);
        }

        var result = await post(actor, command, ct);
        return Respond(result, t => result.Status == ResultStatus.Created
            ? Results.Created($"/api/v1/books/{bookId}/transactions/{t.Id}", t.ToApi())
            : Results.Ok(t.ToApi()));
    }

    /// <summary>Up to a thousand transactions, all or none: 200 with each one's outcome in the order sent.</summary>
    private static async Task<IResult> PostBatchAsync(HttpContext http, Guid bookId, AccountService accounts, ImportRuleService rules,
        PostingService postings, CancellationToken ct)
    {
        var actor = Caller(http);
        var (json, problem) = await ReadBodyAsync(http, ct, MaxBatchBodyBytes);
        if (problem is not null)
        {
            return problem;
        }
        ApiPostBatch body;
        using (json)
        {
            if (json!.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NotAnObject();
            }
            body = json.RootElement.Deserialize<ApiPostBatch>(ApiJson.Transactions)!;
        }
        var errors = body.Problems();
        if (errors.ContainsKey("transactions"))
        {
            return Validation(errors);
        }

        var known = await accounts.ListAsync(actor, bookId, ct: ct);
        if (!known.Succeeded)
        {
            return Respond(known, _ => Results.Ok());
        }
        var ruleSet = await rules.RuleSetAsync(actor, bookId, ct);
        if (!ruleSet.Succeeded)
        {
            return Respond(ruleSet, _ => Results.Ok());
        }
        var command = body.ToCommand(bookId, known.Value!.ToDictionary(a => a.Id, a => a.Currency), ruleSet.Value!, errors);
        if (command is null || errors.Count > 0)
        {
            return Validation(errors);
        }

        var result = await postings.PostManyAsync(actor, command, ct);
        return Respond(result, batch => Results.Ok(new ApiBatchResponse(batch.Items.Select((item, i) => new ApiBatchResult(
            command.Transactions[i].IdempotencyKey!, item.Status == PostedStatus.Created ? 201 : 200, item.Transaction!.ToApi())).ToList())));
    }

    /// <summary>
    /// Every query parameter of the API takes one value: one given twice ("?limit=2&amp;limit=3") is refused by name rather
    /// than read as "2,3" and refused as a bad value, or worse, taken as one of them.
    /// </summary>
    private static ValueTask<object?> RefuseRepeatedQueryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var repeated = context.HttpContext.Request.Query.Where(q => q.Value.Count > 1).Select(q => q.Key).ToList();
        return repeated.Count == 0
            ? next(context)
            : ValueTask.FromResult<object?>(Validation(repeated.ToDictionary(name => name, _ => GivenMoreThanOnce)));
    }

    private static readonly string[] GivenMoreThanOnce = ["This query parameter is given more than once: give it once."];

    private static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpContext http, CancellationToken ct)
    {
        var (json, problem) = await ReadBodyAsync(http, ct);
        if (problem is not null)
        {
            return (default, problem);
        }
        using (json)
        {
            try
            {
                var body = json!.RootElement.Deserialize<T>(JsonSerializerOptions.Web);
                return body is null ? (default, NotAnObject()) : (body, null);
            }
            catch (JsonException ex)
            {
                return (default, Validation(new() { [Camel(ex.Path?.TrimStart('$', '.') ?? "")] = ["This value has the wrong type."] }));
            }
        }
    }

    internal static IResult NotAnObject() => Validation(new() { [""] = ["The body must be a JSON object."] });

    /// <summary>Reads at most 1 MiB of JSON; anything larger is refused with 413 before it is parsed.</summary>
    internal static async Task<(JsonDocument? Json, IResult? Problem)> ReadBodyAsync(HttpContext http, CancellationToken ct,
        int maxBytes = MaxBodyBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        JsonDocument json;
        // A byte order mark may start a JSON text, and some clients write one (RFC 8259 lets a reader ignore it).
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Utf8Bom))
        {
            bytes = bytes[Utf8Bom.Length..];
        }
        try
        {
            json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            return (null, Malformed(ex.Message));
        }
        // The parser leaves strings undecoded: text that is not Unicode would otherwise fail wherever it is first read. And a
        // field given twice is refused rather than read as its last value: {"amount":"1","amount":"1000"} is a mistake
        // somewhere, and which of the two was meant is not for the ledger to guess.
        if (FirstProblem(json.RootElement, "$") is var (where, twice))
        {
            json.Dispose();
            return (null, twice
                ? Validation(new() { [where[(where.StartsWith("$.", StringComparison.Ordinal) ? 2 : 1)..]] = ["This field is given twice: give it once."] })
                : Malformed($"the text at {where} is not valid Unicode (UTF-8 without unpaired surrogates)."));
        }
        return (json, null);
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// The body of an API error that would otherwise have none (the framework's own refusals, such as a body that is not
    /// JSON): problem details like every other, with what to do where there is something to say.
    /// </summary>
    internal static Task ExplainEmptyErrorAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var detail = http.Response.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => AcceptedContentTypes(http) is { Count: > 0 } types
                ? $"Send the body as {types[0] switch { "application/json" => "JSON", "text/plain" => "text", var other => other }}, with the header Content-Type: {string.Join(" or ", types)}."
                : "This address does not take a body of this content type.",
            StatusCodes.Status405MethodNotAllowed => $"This address does not take {http.Request.Method}.",
            _ => null,
        };
        return Results.Problem(statusCode: http.Response.StatusCode, detail: detail).ExecuteAsync(http);
    }

    /// <summary>
    /// The content types the endpoint at the request's address and method declares it takes. Routing has already answered
    /// 415 by then, in place of that endpoint, so it is looked up again among the app's endpoints.
    /// </summary>
    private static IReadOnlyList<string>? AcceptedContentTypes(HttpContext http)
    {
        foreach (var endpoint in http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(http.Request.Method, StringComparer.OrdinalIgnoreCase) == true
                && new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText ?? ""), []).TryMatch(http.Request.Path, []))
            {
                return accepts.ContentTypes;
            }
        }
        return null;
    }

    private static IResult Malformed(string why) =>
        Results.Problem(statusCode: 400, title: "Malformed JSON", detail: $"The body is not valid JSON: {why}");

    /// <summary>
    /// The first place under <paramref name="element"/> ("$.postings[0].amount") where a string or property name is not valid
    /// Unicode, or where an object gives a field twice (<c>Twice</c>); null if there is none.
    /// </summary>
    private static (string Path, bool Twice)? FirstProblem(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Decodes(() => element.GetString()) ? null : (path, false);
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    string? name = null;
                    if (!Decodes(() => name = property.Name))
                    {
                        return (path, false);
                    }
                    if (!names.Add(name!))
                    {
                        return ($"{path}.{name}", true);
                    }
                    if (FirstProblem(property.Value, $"{path}.{name}") is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstProblem(item, $"{path}[{index++}]") is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    private static bool Decodes(Func<string?> read)
    {
        try
        {
            read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: 413, title: "Payload too large", detail: $"The body may be at most {maxBytes / 1024} KiB.");

    internal static IResult? PagingProblem(string? limit, string? from, string? to, out int size, out DateOnly? start, out DateOnly? end)
    {
        var errors = new Dictionary<string, string[]>();
        size = 50;
        start = end = null;
        if (limit is not null && !int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            errors["limit"] = ["Give a whole number from 1 to 500."];
        }
        if (from is not null)
        {
            if (IsoDate.TryParse(from, out var value)) { start = value; } else { errors["from"] = [IsoDate.Refusal(from)]; }
        }
        if (to is not null)
        {
            if (IsoDate.TryParse(to, out var value)) { end = value; } else { errors["to"] = [IsoDate.Refusal(to)]; }
        }
        return errors.Count > 0 ? Validation(errors) : null;
    }

    internal static Actor Caller(HttpContext http) => Actor.FromPrincipal(http.User)!;

    internal static IResult Respond<T>(Result<T> result, Func<T, IResult> success) => result.Status switch
    {
        ResultStatus.Ok or ResultStatus.Created => success(result.Value!),
        ResultStatus.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: result.Message),
        ResultStatus.Forbidden => Results.Problem(statusCode: 403, title: "Forbidden", detail: result.Message),
        ResultStatus.Conflict when result.ClosedThrough is { } lockDate => PeriodClosed(result.Message, lockDate),
        ResultStatus.Conflict => Results.Problem(statusCode: 409, title: "Conflict", detail: result.Message),
        _ => Validation(result.Errors.ToDictionary(e => Camel(e.Key), e => e.Value), result.Message),
    };

    /// <summary>The problem type of a write dated in a book's closed period; not a locator, so no client fetches it.</summary>
    public const string PeriodClosedType = "tag:blazorledger,2026:problems/period-closed";

    /// <summary>409 for a write into a book's closed period, naming the lock date in the detail and as "lockDate".</summary>
    internal static IResult PeriodClosed(string? detail, DateOnly lockDate) =>
        Results.Problem(statusCode: 409, title: "Period closed", detail: detail, type: PeriodClosedType,
            extensions: new Dictionary<string, object?> { ["lockDate"] = lockDate.ToString(IsoDate.Format, CultureInfo.InvariantCulture) });

    internal static IResult Validation(Dictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail ?? "The request is invalid; see errors.", title: "Invalid request");

    /// <summary>"Postings[1].Amount" → "postings[1].amount", matching the JSON the client sent.</summary>
    private static string Camel(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}
