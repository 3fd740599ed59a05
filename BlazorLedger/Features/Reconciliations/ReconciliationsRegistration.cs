namespace BlazorLedger.Features.Reconciliations;

public static class ReconciliationsRegistration
{
    public static IServiceCollection AddReconciliations(this IServiceCollection services) => services.AddScoped<ReconciliationService>();
}
