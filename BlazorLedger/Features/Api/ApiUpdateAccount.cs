using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// PATCH .../accounts/{id}: the version the client read (required) and the fields to change; a field left out keeps its
/// value. <see cref="Code"/> "" removes the code; <see cref="ParentId"/> null makes the account top-level.
/// </summary>
public sealed record ApiUpdateAccount(long? Version, ApiText Name, ApiText Code, ApiParent ParentId, bool? Archived)
{
    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        if (Version is null)
        {
            errors["version"] = ["Give the version of the account you read."];
        }
        if (Name.IsOtherKind)
        {
            errors["name"] = [ApiText.NotText];
        }
        if (Code.IsOtherKind)
        {
            errors["code"] = [ApiText.NotText];
        }
        if (ParentId.IsOtherKind)
        {
            errors["parentId"] = [ApiParent.NotAnId];
        }
        if (Name.Value is null && !Name.IsOtherKind && Code.Value is null && !ParentId.IsGiven && Archived is null && errors.Count == 0)
        {
            errors[""] = ["Give a name, code, parentId or archived to change."];
        }
        return errors;
    }
}

/// <summary>
/// The parent named in a PATCH: left out (keep it), null (none: a top-level account) or an account's id. A value of another
/// kind is kept as such, so that the problem names it with every other bad field.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly record struct ApiParent(Guid? Value)
{
    public const string NotAnId = "Must be an account id or null.";

    internal bool IsGiven { get; private init; }

    internal bool IsOtherKind { get; private init; }

    private sealed class Converter : JsonConverter<ApiParent>
    {
        // A struct's converter sees null too: null is given, as "no parent".
        public override bool HandleNull => true;

        public override ApiParent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return new ApiParent(null) { IsGiven = true };
                case JsonTokenType.String when reader.TryGetGuid(out var id):
                    return new ApiParent(id) { IsGiven = true };
                default:
                    reader.Skip();
                    return new ApiParent(null) { IsGiven = true, IsOtherKind = true };
            }
        }

        public override void Write(Utf8JsonWriter writer, ApiParent value, JsonSerializerOptions options)
        {
            if (value.Value is { } id)
            {
                writer.WriteStringValue(id);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
