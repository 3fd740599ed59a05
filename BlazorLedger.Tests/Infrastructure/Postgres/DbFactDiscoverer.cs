using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>Discovers a <see cref="DbFactAttribute"/> test: as a fact, or as skipped on PostgreSQL when it is switched off.</summary>
public sealed class DbFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute) =>
        SkippedOnPostgres.Reason(testMethod) is not null
            ? [new SkippedOnPostgres(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}
