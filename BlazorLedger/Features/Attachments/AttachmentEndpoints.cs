using BlazorLedger.Common;
using BlazorLedger.Features.Api;
using Microsoft.Net.Http.Headers;

namespace BlazorLedger.Features.Attachments;

/// <summary>
/// Serving attachments: to the browser (its cookie) at <c>/books/{bookId}/transactions/{transactionId}/attachments/{id}</c>,
/// and through the API. A file is shown in the browser (inline) but can do nothing there: its type is the one its bytes were
/// checked to be, the browser may not guess another (nosniff), and the sandbox policy denies it scripts, forms and the app's origin.
/// </summary>
public static class AttachmentEndpoints
{
    /// <summary>The policy of a served file: no script, no plug-in, no request anywhere but images and styles of its own.</summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'self'";

    /// <summary>
    /// A PDF's policy. Chrome refuses to start its PDF viewer in a sandboxed document (and a <c>default-src 'none'</c> breaks
    /// the viewer's own page), so a PDF gets only <c>frame-ancestors</c>: the bytes were checked to be a PDF and are served as
    /// one with nosniff, so the browser hands them to its viewer, which runs apart from the app's origin, or to nothing.
    /// </summary>
    public const string PdfContentSecurityPolicy = "frame-ancestors 'self'";

    /// <summary>Room for a multipart request's boundaries and headers around the file itself.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapAttachments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/books/{bookId:guid}/transactions/{transactionId:guid}/attachments/{attachmentId:guid}",
                (HttpContext http, Guid bookId, Guid transactionId, Guid attachmentId, AttachmentService attachments, CancellationToken ct) =>
                    ServeAsync(http, bookId, transactionId, attachmentId, attachments, ct))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>Where the browser gets an attachment (relative to the app's base address).</summary>
    public static string Url(Guid bookId, Guid transactionId, Guid attachmentId) =>
        $"books/{bookId}/transactions/{transactionId}/attachments/{attachmentId}";

    public static RouteGroupBuilder MapAttachmentApi(this RouteGroupBuilder api)
    {
        const string route = "/books/{bookId:guid}/transactions/{transactionId:guid}/attachments";

        api.MapGet(route, async (HttpContext http, Guid bookId, Guid transactionId, AttachmentService attachments, CancellationToken ct) =>
                ApiEndpoints.Respond(await attachments.ListAsync(ApiEndpoints.Caller(http), bookId, transactionId, ct), list => Results.Ok(list)))
            .WithSummary("List a transaction's attachments (receipts), without their content")
            .Produces<IReadOnlyList<AttachmentDto>>().ProducesProblem(404);

        api.MapGet(route + "/{attachmentId:guid}",
                (HttpContext http, Guid bookId, Guid transactionId, Guid attachmentId, AttachmentService attachments, CancellationToken ct) =>
                    ServeAsync(http, bookId, transactionId, attachmentId, attachments, ct))
            .WithSummary("Download an attachment's content, with its checked content type and its SHA-256 as the ETag")
            .Produces(200, contentType: "application/octet-stream").Produces(304).ProducesProblem(404);

        api.MapPost(route, AddAsync)
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Attach a file (JPEG, PNG, WebP, GIF or PDF, told by its content) sent as multipart/form-data in the field \"file\"")
            .Accepts<ApiAttachmentUpload>("multipart/form-data")
            .Produces<AttachmentDto>(201).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(413);

        api.MapDelete(route + "/{attachmentId:guid}",
                async (HttpContext http, Guid bookId, Guid transactionId, Guid attachmentId, AttachmentService attachments, CancellationToken ct) =>
                    ApiEndpoints.Respond(await attachments.RemoveAsync(ApiEndpoints.Caller(http), bookId, transactionId, attachmentId, ct),
                        _ => Results.NoContent()))
            .RequireAuthorization(ApiRegistration.WritePolicy)
            .WithSummary("Remove an attachment; its content is deleted")
            .Produces(204).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> AddAsync(HttpContext http, Guid bookId, Guid transactionId, AttachmentService attachments,
        CancellationToken ct)
    {
        // The limit is the setting's, not the server's default (30 MB), whichever is larger.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = attachments.MaxBytes + MultipartOverhead;
        }
        if (http.Request.ContentLength > attachments.MaxBytes + MultipartOverhead)
        {
            return TooLarge(attachments.TooLargeMessage(http.Request.ContentLength));
        }
        if (!http.Request.HasFormContentType)
        {
            return FileMissing();
        }
        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return Results.Problem(statusCode: 400, title: "Malformed form", detail: "The body is not valid multipart/form-data.");
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return FileMissing();
        }
        if (form.Files.GetFiles("file").Count > 1)
        {
            // One attachment per request: keeping the first and dropping the others unsaid would lose a receipt.
            return ApiEndpoints.Validation(new() { ["file"] = ["Send one file per request: this one has several in the field \"file\"."] });
        }
        if (file.Length > attachments.MaxBytes)
        {
            return TooLarge(attachments.TooLargeMessage(file.Length));
        }
        await using var content = file.OpenReadStream();
        var result = await attachments.AddAsync(ApiEndpoints.Caller(http), new AddAttachment(bookId, transactionId, file.FileName, content), ct);
        return result.Status == ResultStatus.Invalid
            ? ApiEndpoints.Validation(new() { ["file"] = result.Errors.Values.SelectMany(e => e).ToArray() }, result.Message)
            : ApiEndpoints.Respond(result, a => Results.Created($"/api/v1/books/{bookId}/transactions/{transactionId}/attachments/{a.Id}", a));
    }

    private static IResult FileMissing() =>
        ApiEndpoints.Validation(new() { ["file"] = ["Send the file as multipart/form-data in a field named \"file\"."] });

    private static IResult TooLarge(string detail) => Results.Problem(statusCode: 413, title: "Payload too large", detail: detail);

    private static async Task<IResult> ServeAsync(HttpContext http, Guid bookId, Guid transactionId, Guid attachmentId,
        AttachmentService attachments, CancellationToken ct)
    {
        var result = await attachments.GetFileAsync(Actor.FromPrincipal(http.User)!, bookId, transactionId, attachmentId, ct);
        if (!result.Succeeded)
        {
            return ApiEndpoints.Respond(result, _ => Results.Ok());
        }
        var (attachment, content) = result.Value!;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = attachment.ContentType == "application/pdf" ? PdfContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = new ContentDispositionHeaderValue("inline")
        {
            FileNameStar = attachment.FileName,
            FileName = new string(attachment.FileName.Select(c => char.IsAscii(c) && !char.IsControl(c) && c != '"' && c != '\\' ? c : '_').ToArray()),
        }.ToString();
        // The content under an id never changes, but access to it can end: a copy is kept, and checked with the server each time.
        headers.CacheControl = "private, no-cache";
        // Answers If-None-Match with 304 when the hash matches.
        return Results.Bytes(content, attachment.ContentType, entityTag: new EntityTagHeaderValue($"\"{attachment.Sha256}\""));
    }
}

/// <summary>The form an attachment is uploaded in (for the OpenAPI document; the endpoint reads the form itself).</summary>
public sealed record ApiAttachmentUpload(IFormFile File);
