using BlazorLedger.Data;

namespace BlazorLedger.Features.Accounts;

/// <summary>How accounts read to people, as opposed to how they are stored.</summary>
public static class AccountPresentation
{
    /// <summary>
    /// Balances are stored debit-positive. People expect a liability, equity or income account to show what it holds as a
    /// positive number (a card owing 500 shows 500), so those types are shown with the sign flipped.
    /// </summary>
    public static long NaturalBalance(AccountType type, long storedBalance) =>
        IsCreditNormal(type) ? -storedBalance : storedBalance;

    /// <inheritdoc cref="NaturalBalance(AccountType, long)"/>
    public static Int128 NaturalBalance(AccountType type, Int128 storedBalance) =>
        IsCreditNormal(type) ? -storedBalance : storedBalance;

    public static bool IsCreditNormal(AccountType type) => type is AccountType.Liability or AccountType.Equity or AccountType.Income;

    /// <summary>"an asset", "a liability": the type as a sentence names one account of it.</summary>
    public static string TypeLabel(AccountType type) => type switch
    {
        AccountType.Asset => "an asset",
        AccountType.Liability => "a liability",
        AccountType.Equity => "equity",
        AccountType.Income => "income",
        AccountType.Expense => "an expense",
        _ => type.ToString(),
    };

    public static string PluralLabel(AccountType type) => type switch
    {
        AccountType.Asset => "Assets",
        AccountType.Liability => "Liabilities",
        AccountType.Equity => "Equity",
        AccountType.Income => "Income",
        AccountType.Expense => "Expenses",
        _ => type.ToString(),
    };
}
