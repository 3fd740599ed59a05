using BlazorLedger.Data;

namespace BlazorLedger.Features.Books;

/// <summary>
/// The charts of accounts a new book can start from. No equity account is called "Opening balances": that one is made
/// when an account is first given an opening balance.
/// </summary>
public static class BookTemplates
{
    public static IReadOnlyList<BookTemplate> All { get; } = [BookTemplate.Household, BookTemplate.SmallBusiness, BookTemplate.Empty];

    public static IReadOnlyList<TemplateAccount> AccountsOf(BookTemplate template) => template switch
    {
        BookTemplate.Household => Household,
        BookTemplate.SmallBusiness => SmallBusiness,
        _ => [],
    };

    public static string Title(BookTemplate template) => template switch
    {
        BookTemplate.Household => "Household",
        BookTemplate.SmallBusiness => "Small business",
        _ => "Empty",
    };

    public static string Description(BookTemplate template) => template switch
    {
        BookTemplate.Household => "Bank accounts, cash and a credit card; salary; groceries, rent, bills and other everyday spending.",
        BookTemplate.SmallBusiness => "A numbered chart: bank, receivables, payables and sales tax, owner's capital, sales, and running costs.",
        _ => "No accounts: build the chart yourself.",
    };

    /// <summary>The name the API uses: "household", "small-business" or "empty".</summary>
    public static string ApiName(BookTemplate template) => template switch
    {
        BookTemplate.Household => "household",
        BookTemplate.SmallBusiness => "small-business",
        _ => "empty",
    };

    public static bool TryParseApiName(string? name, out BookTemplate template)
    {
        foreach (var candidate in Enum.GetValues<BookTemplate>())
        {
            if (string.Equals(ApiName(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                template = candidate;
                return true;
            }
        }
        template = BookTemplate.Empty;
        return false;
    }

    private static readonly TemplateAccount[] Household =
    [
        new("Checking account", null, AccountType.Asset),
        new("Savings account", null, AccountType.Asset),
        new("Cash", null, AccountType.Asset),
        new("Credit card", null, AccountType.Liability),
        new("Salary", null, AccountType.Income),
        new("Interest", null, AccountType.Income),
        new("Other income", null, AccountType.Income),
        new("Groceries", null, AccountType.Expense),
        new("Rent or mortgage", null, AccountType.Expense),
        new("Utilities", null, AccountType.Expense),
        new("Transport", null, AccountType.Expense),
        new("Eating out", null, AccountType.Expense),
        new("Health", null, AccountType.Expense),
        new("Insurance", null, AccountType.Expense),
        new("Clothing", null, AccountType.Expense),
        new("Leisure", null, AccountType.Expense),
        new("Gifts and donations", null, AccountType.Expense),
        new("Other expenses", null, AccountType.Expense),
    ];

    private static readonly TemplateAccount[] SmallBusiness =
    [
        new("Bank account", "1000", AccountType.Asset),
        new("Cash", "1010", AccountType.Asset),
        new("Accounts receivable", "1200", AccountType.Asset),
        new("Accounts payable", "2000", AccountType.Liability),
        new("Sales tax payable", "2100", AccountType.Liability),
        new("Credit card", "2200", AccountType.Liability),
        new("Owner's capital", "3000", AccountType.Equity),
        new("Owner's drawings", "3100", AccountType.Equity),
        new("Sales", "4000", AccountType.Income),
        new("Services", "4100", AccountType.Income),
        new("Other income", "4900", AccountType.Income),
        new("Cost of goods sold", "5000", AccountType.Expense),
        new("Rent", "6000", AccountType.Expense),
        new("Salaries and wages", "6100", AccountType.Expense),
        new("Software and subscriptions", "6200", AccountType.Expense),
        new("Office supplies", "6300", AccountType.Expense),
        new("Bank fees", "6400", AccountType.Expense),
        new("Marketing", "6500", AccountType.Expense),
        new("Travel", "6600", AccountType.Expense),
        new("Professional fees", "6700", AccountType.Expense),
        new("Other expenses", "6900", AccountType.Expense),
    ];
}
