namespace BlazorLedger.Features.Import;

/// <summary>An account as the import offers it: the statement's own, or one its rows can be posted against.</summary>
public sealed record ImportAccount(Guid Id, string Name, string? Code, string Currency)
{
    public string Label => Code is null ? Name : $"{Code} · {Name}";
}
