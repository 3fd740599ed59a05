namespace BlazorLedger.Data;

/// <summary>The database engine behind the ledger (setting <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file beside the app: nothing to install, one instance.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server: for several instances, or a database people already run and back up.</summary>
    Postgres,
}
