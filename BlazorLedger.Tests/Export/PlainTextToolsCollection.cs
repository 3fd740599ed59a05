namespace BlazorLedger.Tests.Export;

/// <summary>The tests that run hledger and Beancount share one check that they are installed.</summary>
[CollectionDefinition(Name)]
public sealed class PlainTextToolsCollection : ICollectionFixture<PlainTextTools>
{
    public const string Name = "Plain-text accounting tools";
}
