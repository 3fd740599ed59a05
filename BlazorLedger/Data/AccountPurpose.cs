namespace BlazorLedger.Data;

/// <summary>Accounts the ledger makes and posts to itself.</summary>
public enum AccountPurpose
{
    /// <summary>The equity account that opening balances are posted against, one per currency.</summary>
    OpeningBalances = 0,
}
