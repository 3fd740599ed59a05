namespace BlazorLedger.Data;

/// <summary>
/// A running instance of the app on a shared (PostgreSQL) database: how many live circuits it had when it last reported,
/// and when that was (the database's clock). Rows not seen for a while belong to instances that died; they stop counting.
/// </summary>
public sealed class AppInstance
{
    public Guid Id { get; set; }
    public int Circuits { get; set; }
    public DateTime SeenAt { get; set; }
}
