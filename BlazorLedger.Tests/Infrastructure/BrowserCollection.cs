namespace BlazorLedger.Tests.Infrastructure;

/// <summary>Browser tests run one class at a time (Chromium is heavy on two cores), alongside the other tests, on one Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<SharedChromium>
{
    public const string Name = "Browser";
}
