using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorLedger.Features.Api;

/// <summary>
/// PATCH .../transactions/{id}: the version the client read (required) and the fields to change; a field left out keeps
/// its value ("" clears the payee or a memo). Memos, when given, are one per posting in the transaction's order. Amounts,
/// accounts and dates cannot be changed: correct the transaction instead.
/// </summary>
public sealed record ApiAmendTransaction(long? Version, ApiText Description, ApiText Payee, ApiTextList Memos, ApiTextList Tags)
{
    /// <summary>Fields a PATCH does not take: named in the problem rather than ignored, so that nobody believes they changed.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Others { get; init; }

    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var name in Others?.Keys.AsEnumerable() ?? [])
        {
            errors[name] = [name is "date" or "postings" or "amount" or "amounts" or "accountId" or "accounts"
                ? "The date, amounts and accounts of a posted transaction cannot be amended: correct it instead (POST .../correct)."
                : "A PATCH takes only version, description, payee, memos and tags."];
        }
        if (Version is null)
        {
            errors["version"] = ["Give the version of the transaction you read."];
        }
        if (Description.IsOtherKind)
        {
            errors["description"] = [ApiText.NotText];
        }
        if (Payee.IsOtherKind)
        {
            errors["payee"] = [ApiText.NotText];
        }
        if (Memos.IsOtherKind)
        {
            errors["memos"] = [ApiTextList.NotTexts];
        }
        if (Tags.IsOtherKind)
        {
            errors["tags"] = [ApiTextList.NotTexts];
        }
        return errors;
    }
}
