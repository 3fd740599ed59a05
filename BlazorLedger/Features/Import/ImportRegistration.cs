namespace BlazorLedger.Features.Import;

public static class ImportRegistration
{
    public static IServiceCollection AddImport(this IServiceCollection services) =>
        services.AddScoped<ImportRuleService>().AddScoped<ColumnMappingService>().AddScoped<JournalRestoreService>()
            .AddScoped<ImportService>();
}
