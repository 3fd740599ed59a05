namespace BlazorLedger.Features.Admin;

public sealed record DashboardFigures(
    int Users, int ActiveUsers7Days, int LockedUsers, int DisabledUsers,
    int Books, int Accounts,
    int TransactionsToday, int Transactions7Days, int TransactionsTotal,
    IReadOnlyList<CurrencyVolume> Volume30Days,
    IReadOnlyList<DailyCount> TransactionsPerDay,
    IReadOnlyList<DailyCount> NewUsersPerWeek,
    IReadOnlyList<BusyBook> BusiestBooks,
    string DatabaseProvider, long DatabaseBytes);
