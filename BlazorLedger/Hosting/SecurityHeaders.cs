using System.Security.Cryptography;

namespace BlazorLedger.Hosting;

/// <summary>
/// Headers that keep the browser on the app's side: a Content-Security-Policy that lets only the app's own scripts run
/// (plus the import map, by a per-response nonce), no framing by other sites, no MIME sniffing, no leaking of URLs
/// (which can hold reset tokens) to other sites.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "BlazorLedger.CspNonce";

    /// <summary>The nonce of this response's policy, for the few inline scripts the framework writes (the import map).</summary>
    public static string Nonce(HttpContext http)
    {
        if (http.Items[NonceKey] is not string nonce)
        {
            // Hex rather than base64: nothing in it ('+', '/', '=') is changed by HTML encoding on its way into the page.
            nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            http.Items[NonceKey] = nonce;
        }
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy(http);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        return next(http);
    });

    private static string Policy(HttpContext http)
    {
        // The API reference page is a third-party bundle that configures itself with an inline script; it shows no user data.
        var scripts = http.Request.Path.StartsWithSegments("/api/docs")
            ? "'self' 'unsafe-inline'"
            : $"'self' 'nonce-{Nonce(http)}'";
        // MudBlazor sets inline style attributes and a theme <style> element, so styles need 'unsafe-inline'; styles cannot run code.
        return $"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
            "connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }
}
