using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>
/// A test of the PostgreSQL half, reported as skipped with the reason the half is switched off. The reason is read from
/// the test method each time (not stored), so it is right however the runner builds or de-serializes the case.
/// </summary>
public sealed class SkippedOnPostgres : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedOnPostgres()
    {
    }

    public SkippedOnPostgres(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(sink, display, options, testMethod)
    {
    }

    /// <summary>The reason to skip <paramref name="testMethod"/>, when it belongs to a PostgreSQL class and those are off.</summary>
    public static string? Reason(ITestMethod testMethod) =>
        typeof(IOnPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) ? PostgresServer.SkipReason : null;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => Reason(TestMethod) ?? "";
}
