using Xunit.Abstractions;
using Xunit.Sdk;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>A test of the PostgreSQL half, reported as skipped with the reason the half is switched off.</summary>
public sealed class SkippedOnPostgres : XunitTestCase
{
    private string reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedOnPostgres()
    {
    }

    public SkippedOnPostgres(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod,
        string reason) : base(sink, display, options, testMethod)
    {
        this.reason = reason;
    }

    /// <summary>The reason to skip <paramref name="testMethod"/>, when it belongs to a PostgreSQL class and those are off.</summary>
    public static string? Reason(ITestMethod testMethod) =>
        typeof(IOnPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) ? PostgresServer.SkipReason : null;

    protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        base.Deserialize(data);
        reason = data.GetValue<string>("Reason");
    }
}
