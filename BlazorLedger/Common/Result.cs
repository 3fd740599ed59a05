namespace BlazorLedger.Common;

/// <summary>
/// The outcome of a service call that can fail in an expected way. Failures carry a message for people and, for
/// <see cref="ResultStatus.Invalid"/>, errors keyed by field; <see cref="ResultStatus.Conflict"/> may carry current values.
/// </summary>
public sealed record Result<T>
{
    public required ResultStatus Status { get; init; }
    public T? Value { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = Empty;

    /// <summary>For a conflict with a book's closed period: the book's lock date, which the answer names.</summary>
    public DateOnly? ClosedThrough { get; init; }

    public bool Succeeded => Status is ResultStatus.Ok or ResultStatus.Created;

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    public static Result<T> Ok(T value) => new() { Status = ResultStatus.Ok, Value = value };
    public static Result<T> Created(T value) => new() { Status = ResultStatus.Created, Value = value };
    public static Result<T> NotFound(string message = "Not found.") => new() { Status = ResultStatus.NotFound, Message = message };
    public static Result<T> Forbidden(string message = "You do not have permission to do this.") =>
        new() { Status = ResultStatus.Forbidden, Message = message };
    public static Result<T> Conflict(string message, T? current = default) =>
        new() { Status = ResultStatus.Conflict, Message = message, Value = current };
    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new() { Status = ResultStatus.Invalid, Errors = errors, Message = "Please correct the highlighted fields." };
    /// <summary>One field is wrong: its error is also the message.</summary>
    public static Result<T> Invalid(string field, string error) =>
        Invalid(new Dictionary<string, string[]> { [field] = [error] }) with { Message = error };

    /// <summary>Carries a failure over to a result of another type.</summary>
    public Result<TOther> As<TOther>() => new() { Status = Status, Message = Message, Errors = Errors, ClosedThrough = ClosedThrough };
}
