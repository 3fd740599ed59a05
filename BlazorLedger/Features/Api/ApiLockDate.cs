using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// A book's lock date: the last day of its closed period ("2026-06-30"), or null while every period is open. Nothing dated
/// on or before it can be posted, voided, corrected or amended; a void of an older transaction reverses on the next day.
/// PUT requires the field, so that an empty body never opens the book's closed periods by accident.
/// </summary>
public sealed record ApiLockDate([property: JsonRequired] DateOnly? Date);
