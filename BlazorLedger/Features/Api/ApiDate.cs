using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Api;

/// <summary>
/// A date field as a client sent it: a date (<see cref="IsoDate.Format"/>), or missing or not a date, in which case the
/// text sent is kept so that the problem can say what is wrong with it ("2026-02-30" is written right but is no day).
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ApiDate(DateOnly? Value)
{
    private string? Refused { get; init; }

    public static implicit operator ApiDate(DateOnly? value) => new(value);

    /// <summary>Why there is no <see cref="Value"/>: <paramref name="howToWrite"/>, or that the day written does not exist.</summary>
    internal string Problem(string howToWrite) => IsoDate.Refusal(Refused, howToWrite);

    private sealed class Converter : JsonConverter<ApiDate>
    {
        public override ApiDate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString();
                return IsoDate.TryParse(text, out var date) ? new ApiDate(date) : new ApiDate(null) { Refused = text };
            }
            reader.Skip();
            return default;
        }

        public override void Write(Utf8JsonWriter writer, ApiDate value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value?.ToString(IsoDate.Format, System.Globalization.CultureInfo.InvariantCulture));
    }
}
