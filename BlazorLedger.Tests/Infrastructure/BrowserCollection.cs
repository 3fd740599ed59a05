namespace BlazorLedger.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class BrowserCollection
{
    /// <summary>Browser tests run one class at a time (Chromium is heavy on two cores), alongside the other tests.</summary>
    public const string Name = "Browser";
}
