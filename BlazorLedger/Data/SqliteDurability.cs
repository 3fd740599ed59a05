namespace BlazorLedger.Data;

public enum SqliteDurability
{
    /// <summary>An acknowledged transaction survives a power cut (WAL + synchronous=FULL).</summary>
    Full,
    /// <summary>Faster; an acknowledged transaction may be lost on a power cut, never corrupted (WAL + synchronous=NORMAL).</summary>
    Normal,
}
