using Xunit.Sdk;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>A theory of a test class that runs on both providers; skipped like <see cref="DbFactAttribute"/>.</summary>
[XunitTestCaseDiscoverer("BlazorLedger.Tests.Infrastructure.Postgres.DbTheoryDiscoverer", "BlazorLedger.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbTheoryAttribute : TheoryAttribute;
