using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace BlazorLedger.Features.Users;

/// <summary>
/// The number and date formats people may choose, and how each request picks one: the user's saved choice, else the
/// browser's language (Accept-Language), else the invariant 1,234.56 and 2026-01-31. The API keeps the invariant format.
/// </summary>
public static class UserCultures
{
    /// <summary>Offered on the profile page. Each groups digits in threes, so amounts in it can be read strictly.</summary>
    public static IReadOnlyList<CultureInfo> Offered { get; } =
        new[] { "en-US", "en-GB", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-CH", "es-ES", "it-IT", "nl-NL", "pt-BR", "sv-SE", "pl-PL", "ja-JP" }
            .Select(CultureInfo.GetCultureInfo)
            .ToArray();

    /// <summary>The offered formats and their languages, so a browser asking for "de" or "de-LU" gets German numbers.</summary>
    public static IReadOnlyList<CultureInfo> Supported { get; } = Offered.Concat(Offered.Select(c => c.Parent)).Distinct().ToArray();

    /// <summary>The supported culture of that name; null for anything else, so no stored or requested name can pick a format we cannot read.</summary>
    public static CultureInfo? Find(string? name) =>
        string.IsNullOrEmpty(name) ? null : Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The format a browser's Accept-Language picks, as the request localization middleware picks it ("de-LU" gives "de").</summary>
    public static CultureInfo? FromBrowser(IList<string>? acceptLanguage)
    {
        if (!StringWithQualityHeaderValue.TryParseList(acceptLanguage, out var languages))
        {
            return null;
        }
        foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
        {
            for (var name = language.Value.Value; !string.IsNullOrEmpty(name); name = name[..Math.Max(name.LastIndexOf('-'), 0)])
            {
                if (Find(name) is { } culture)
                {
                    return culture;
                }
            }
        }
        return null;
    }

    /// <summary>"1.234,56 · 31.01.2026": what choosing the format looks like.</summary>
    public static string Example(CultureInfo culture)
    {
        var format = new UserFormat();
        format.Use(culture.Name);
        return $"{format.Amount(1_234_56, "USD")} · {format.Date(new DateOnly(2026, 1, 31))}";
    }

    public static IServiceCollection AddUserCultures(this IServiceCollection services)
    {
        services.AddScoped<UserFormat>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture);
            options.SupportedCultures = options.SupportedUICultures = Supported.ToList();
            options.RequestCultureProviders = [new SavedCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Sets each page request's culture; after authentication, since the saved choice travels in the sign-in cookie.</summary>
    public static IApplicationBuilder UseUserCultures(this IApplicationBuilder app) =>
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseRequestLocalization());

    private sealed class SavedCultureProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            Task.FromResult(Find(httpContext.User.FindFirst(LedgerClaims.Culture)?.Value) is { } culture
                ? new ProviderCultureResult(culture.Name)
                : null);
    }
}
