using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// An optional text field as a client sent it. A value of another kind is kept as such rather than thrown on, so that the
/// problem names it together with every other bad field of the request.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ApiText(string? Value)
{
    public const string NotText = "Must be a string.";

    // Inverted so that default, what an absent field reads as, is "no text" rather than "not text".
    internal bool IsOtherKind { get; private init; }

    public static implicit operator ApiText(string? value) => new(value);

    private sealed class Converter : JsonConverter<ApiText>
    {
        public override ApiText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return new ApiText(reader.GetString());
                case JsonTokenType.Null:
                    return default;
                default:
                    reader.Skip();
                    return new ApiText(null) { IsOtherKind = true };
            }
        }

        public override void Write(Utf8JsonWriter writer, ApiText value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
