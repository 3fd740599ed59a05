using System.Text.Json;
using System.Text.Json.Serialization;
using BlazorLedger.Common;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BlazorLedger.Features.Api;

/// <summary>
/// How request bodies are bound. A field of the wrong kind reads as missing or as "other kind" instead of throwing, so
/// that one response names every bad field at once; the records' own checks then say what is wrong with each.
/// </summary>
internal static class ApiJson
{
    /// <summary>For transactions: property names match exactly, as they always have.</summary>
    public static readonly JsonSerializerOptions Transactions = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        Converters = { new ObjectsOrNull<ApiPostingLine>(), new ObjectsOrNull<ApiBatchTransaction>() },
    };

    /// <summary>For exchange rates: a list that is not an array, or an item that is not an object, is reported, not thrown on.</summary>
    public static readonly JsonSerializerOptions Rates = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        Converters = { new ObjectsOrNull<global::BlazorLedger.Features.Rates.ApiRateInput>() },
    };

    /// <summary>Documents the field types whose converters the document generator cannot see into.</summary>
    public static Task DescribeFieldsAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (context.JsonTypeInfo.Type == typeof(ApiAmount))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Number;
            schema.Description = "A decimal string with at most the currency's digits (\"-12.30\"), or a JSON number.";
        }
        else if (context.JsonTypeInfo.Type == typeof(ApiDate))
        {
            schema.Type = JsonSchemaType.String;
            schema.Format = "date";
        }
        else if (context.JsonTypeInfo.Type == typeof(ApiId))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "uuid";
        }
        else if (context.JsonTypeInfo.Type == typeof(ApiText))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
        }
        else if (context.JsonTypeInfo.Type == typeof(ApiParent))
        {
            schema.Type = JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "uuid";
            schema.Description = "An account of the same type to roll up into; null for none. Left out, the parent stays.";
        }
        else if (context.JsonTypeInfo.Type == typeof(ApiTextList))
        {
            schema.Type = JsonSchemaType.Array | JsonSchemaType.Null;
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null };
        }
        return Task.CompletedTask;
    }

    /// <summary>A list (postings, a batch's transactions) that is not an array reads as none; an item that is not an object reads as null.</summary>
    private sealed class ObjectsOrNull<T> : JsonConverter<IReadOnlyList<T?>> where T : class
    {
        public override IReadOnlyList<T?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return null;
            }
            var items = new List<T?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    items.Add(JsonSerializer.Deserialize<T>(ref reader, options));
                }
                else
                {
                    reader.Skip();
                    items.Add(null);
                }
            }
            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<T?> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.ToList(), options);
    }
}
