using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// An id field as a client sent it: missing (or null), an id, or something that is not an id, which is kept as such rather
/// than thrown on or taken for missing, so that the problem can say what is wrong with it (a batch's posting without an
/// account takes one from the import rules; one with a mistyped id must not).
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ApiId(Guid? Value)
{
    public const string NotAnId = "This is not an id: give the account's id, a UUID such as \"3fa85f64-5717-4562-b3fc-2c963f66afa6\".";

    internal bool IsMalformed { get; private init; }

    /// <summary>Not given at all (or null), as opposed to given as something that is not an id.</summary>
    internal bool IsMissing => Value is null && !IsMalformed;

    public static implicit operator ApiId(Guid? value) => new(value);

    private sealed class Converter : JsonConverter<ApiId>
    {
        // Guid.TryParse, not the serializer's reader: the API has always taken every form Guid.TryParse takes.
        public override ApiId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }
            if (reader.TokenType == JsonTokenType.String && Guid.TryParse(reader.GetString(), out var id))
            {
                return new ApiId(id);
            }
            reader.Skip();
            return new ApiId(null) { IsMalformed = true };
        }

        public override void Write(Utf8JsonWriter writer, ApiId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value?.ToString());
    }
}
