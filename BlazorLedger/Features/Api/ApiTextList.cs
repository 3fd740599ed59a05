using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// An optional array of strings (tags, memos) as a client sent it: absent or null reads as none; anything but an array of
/// strings and nulls is kept as "other kind", so that the problem names it together with every other bad field.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ApiTextList(IReadOnlyList<string?>? Values)
{
    public const string NotTexts = "Must be an array of strings.";

    internal bool IsOtherKind { get; private init; }

    private sealed class Converter : JsonConverter<ApiTextList>
    {
        public override ApiTextList Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return new ApiTextList(null) { IsOtherKind = true };
            }
            var values = new List<string?>();
            var otherKind = false;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        values.Add(reader.GetString());
                        break;
                    case JsonTokenType.Null:
                        values.Add(null);
                        break;
                    default:
                        reader.Skip();
                        otherKind = true;
                        break;
                }
            }
            return new ApiTextList(otherKind ? null : values) { IsOtherKind = otherKind };
        }

        public override void Write(Utf8JsonWriter writer, ApiTextList value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Values, options);
    }
}
