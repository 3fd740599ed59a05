using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorLedger.Common;

namespace BlazorLedger.Features.Api;

/// <summary>
/// An amount as a client sent it: a decimal string such as "12.30", read strictly the invariant way, or a JSON number.
/// It is only turned into minor units once the account, and so the currency's digits, is known.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly struct ApiAmount
{
    private readonly Form form;
    private readonly string? text;
    private readonly decimal number;

    private ApiAmount(Form form, string? text = null, decimal number = 0) => (this.form, this.text, this.number) = (form, text, number);

    public static ApiAmount Of(string text) => new(Form.Text, text);

    public static ApiAmount Of(decimal number) => new(Form.Number, number: number);

    // Missing is the default, so that an absent "amount" reads as missing rather than as zero.
    private enum Form { Missing, Text, Number, TooLarge, NotAnAmount }

    /// <summary>The amount in <paramref name="currency"/>'s minor units, or why it is refused.</summary>
    internal string? ToMinor(string currency, out long minor)
    {
        minor = 0;
        return form switch
        {
            Form.Text => Money.TryParse(text, currency, out minor, out var error) ? null : error,
            Form.Number => Money.TryFromDecimal(number, currency, out minor, out var error) ? null : error,
            Form.Missing => "Give an amount, such as \"12.30\" or -12.3.",
            Form.TooLarge => "The amount is too large.",
            _ => "Give the amount as a decimal string such as \"12.30\" or a JSON number.",
        };
    }

    /// <summary>Never throws on a value of the wrong kind: the refusal waits until every other field has been checked too.</summary>
    private sealed class Converter : JsonConverter<ApiAmount>
    {
        public override ApiAmount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    return Of(reader.GetString()!);
                case JsonTokenType.Number:
                    return reader.TryGetDecimal(out var value) ? Of(value) : new ApiAmount(Form.TooLarge);
                default:
                    reader.Skip();
                    return new ApiAmount(Form.NotAnAmount);
            }
        }

        public override void Write(Utf8JsonWriter writer, ApiAmount value, JsonSerializerOptions options)
        {
            switch (value.form)
            {
                case Form.Text:
                    writer.WriteStringValue(value.text);
                    break;
                case Form.Number:
                    writer.WriteNumberValue(value.number);
                    break;
                default:
                    writer.WriteNullValue();
                    break;
            }
        }
    }
}
