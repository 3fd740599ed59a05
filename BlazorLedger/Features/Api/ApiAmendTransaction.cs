namespace BlazorLedger.Features.Api;

/// <summary>
/// PATCH .../transactions/{id}: the version the client read (required) and the fields to change; a field left out keeps
/// its value ("" clears the payee or a memo). Memos, when given, are one per posting in the transaction's order. Amounts,
/// accounts and dates cannot be changed: correct the transaction instead.
/// </summary>
public sealed record ApiAmendTransaction(long? Version, ApiText Description, ApiText Payee, ApiTextList Memos, ApiTextList Tags)
{
    internal Dictionary<string, string[]> Problems()
    {
        var errors = new Dictionary<string, string[]>();
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
