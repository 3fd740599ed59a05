namespace BlazorLedger.Features.Export;

public static class ExportRegistration
{
    public static IServiceCollection AddExport(this IServiceCollection services) =>
        services.AddScoped<BookExportService>().AddScoped<TransactionCsvExport>();
}
