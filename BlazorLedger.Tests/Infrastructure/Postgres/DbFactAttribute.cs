using Xunit.Sdk;

namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>
/// A fact of a test class that runs on both providers (see <see cref="IOnPostgres"/>). In the PostgreSQL class it is
/// reported as skipped, with the reason, when <c>LEDGER_TESTS_POSTGRES=0</c>: switched off, never silently.
/// </summary>
[XunitTestCaseDiscoverer("BlazorLedger.Tests.Infrastructure.Postgres.DbFactDiscoverer", "BlazorLedger.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class DbFactAttribute : FactAttribute;
