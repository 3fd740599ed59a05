namespace BlazorLedger.Features.Books;

/// <summary>The chart of accounts a new book starts with.</summary>
public enum BookTemplate
{
    Empty,
    Household,
    SmallBusiness,
}
