using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Hosting;

public static class HostingRegistration
{
    /// <summary>Where the app listens when nothing else says so.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>Listening address, public address, allowed hosts and reverse proxies: how the app meets the network.</summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        // --urls, ASPNETCORE_URLS, Urls, ASPNETCORE_HTTP(S)_PORTS and Kestrel endpoints all land in configuration; only
        // when none of them is given does the app pick its own default (a default in appsettings.json would outrank them).
        if (string.IsNullOrEmpty(configuration["urls"]) && string.IsNullOrEmpty(configuration["http_ports"])
            && string.IsNullOrEmpty(configuration["https_ports"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddOptions<AppOptions>().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AppOptions>, AppOptionsValidation>();

        // Without an explicit AllowedHosts, a configured public address is the only host name the app answers to.
        var app = configuration.GetSection("App").Get<AppOptions>() ?? new AppOptions();
        if (string.IsNullOrEmpty(configuration["AllowedHosts"]) && AppOptions.TryParsePublicUrl(app.PublicUrl, out var publicUrl))
        {
            builder.Services.Configure<HostFilteringOptions>(options => options.AllowedHosts = [publicUrl.Host]);
        }

        // Over HTTPS (directly or behind a trusted proxy) every cookie is marked Secure; antiforgery's default would not be.
        builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies named in App:TrustedProxies are believed; the framework's loopback defaults are not.
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var entry in app.TrustedProxyEntries())
            {
                if (IPAddress.TryParse(entry, out var address))
                {
                    options.KnownProxies.Add(address);
                }
                else if (System.Net.IPNetwork.TryParse(entry, out var network))
                {
                    options.KnownIPNetworks.Add(network);
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client's real address and scheme, then HSTS and the security headers.</summary>
    public static WebApplication UseHosting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<AppOptions>>().Value.TrustedProxyEntries().Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseSecurityHeaders();
        return app;
    }

    private sealed class AppOptionsValidation : IValidateOptions<AppOptions>
    {
        public ValidateOptionsResult Validate(string? name, AppOptions options) =>
            options.Validate().ToList() is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
