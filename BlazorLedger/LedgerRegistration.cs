using BlazorLedger.Components;
using BlazorLedger.Data;
using BlazorLedger.Data.Seeding;
using BlazorLedger.Features.Accounts;
using BlazorLedger.Features.Admin;
using BlazorLedger.Features.Api;
using BlazorLedger.Features.Attachments;
using BlazorLedger.Features.Rates;
using BlazorLedger.Features.Reconciliations;
using BlazorLedger.Features.Reports;
using BlazorLedger.Features.Schedules;
using Scalar.AspNetCore;
using BlazorLedger.Features.Mail;
using BlazorLedger.Features.Books;
using BlazorLedger.Features.Export;
using BlazorLedger.Features.Import;
using BlazorLedger.Features.Transactions;
using BlazorLedger.Features.Users;
using BlazorLedger.Hosting;
using MudBlazor.Services;

namespace BlazorLedger;

public static class LedgerRegistration
{
    /// <summary>Everything the app registers, one call per feature.</summary>
    public static WebApplicationBuilder AddLedger(this WebApplicationBuilder builder)
    {
        builder.AddHosting();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Messages appear bottom right, away from the page's own buttons (which sit top right).
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        builder.Services.AddSingleton(TimeProvider.System);

        builder.AddLedgerData();
        builder.Services.AddDatabaseDeveloperPageExceptionFilter();
        builder.Services.AddOptions<SeedOptions>().Bind(builder.Configuration.GetSection("Seed")).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<DemoData>();

        builder.Services
            .AddUsers()
            .AddUserCultures()
            .AddBooks(builder.Configuration)
            .AddAccounts()
            .AddTransactions()
            .AddAttachments(builder.Configuration, builder.Environment.ContentRootPath)
            .AddReconciliations()
            .AddImport()
            .AddReports()
            .AddRates()
            .AddSchedules(builder.Configuration)
            .AddExport()
            .AddMail(builder.Configuration)
            .AddAdmin()
            .AddApi(builder.Configuration);
        return builder;
    }

    public static WebApplication MapLedger(this WebApplication app)
    {
        app.UseHosting();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        // Pages get the app's "not found" page; the API answers with problem details, also where the framework refuses a request
        // (its own handler, nearer the endpoint, writes the body first, so the page is never put in an API answer). The page's
        // handler is on the app itself: only there does re-executing the request find the page's endpoint again.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(ApiEndpoints.ExplainEmptyErrorAsync));
        app.UseAuthentication();
        app.UseUserCultures();
        app.UseAuthorization();
        app.UseSignInLimits();
        app.UseRateLimiter();
        app.UseAntiforgery();

        // Static files are public; without this the fallback authorization policy would run for each of them.
        app.MapStaticAssets().AllowAnonymous();
        // The security headers already forbid framing by anyone (frame-ancestors 'none'); no second, looser policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        app.MapAuditExport();
        app.MapExport();
        app.MapAttachments();
        app.MapReportDownloads();
        app.MapLedgerApi();
        app.MapOpenApi();
        // A self-hosted app fetches nothing from elsewhere: the reference page keeps to the browser's own fonts.
        app.MapScalarApiReference("/api/docs", options => options.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("BlazorLedger API")
            .DisableDefaultFonts());
        return app;
    }
}
