namespace BlazorLedger.Tests.Infrastructure.Postgres;

/// <summary>Marks the PostgreSQL half of a test class that runs on both providers.</summary>
public interface IOnPostgres;
