using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlazorLedger.Hosting;

/// <summary>
/// The one address every link the app sends out points to. It never comes from a request: the Host header and a circuit's
/// base URI are chosen by the client, and a link carrying a real token must not lead anywhere else.
/// </summary>
internal sealed class PublicAddress(IOptions<AppOptions> options, IServiceProvider services, ILogger<PublicAddress> logger)
{
    private Uri? resolved;

    /// <summary><c>App:PublicUrl</c>, or else the first address the server listens on; always ends with a slash.</summary>
    public Uri BaseUri => resolved ??= Resolve();

    /// <summary>An absolute link to a page of the app, e.g. <c>Link("Account/ResetPassword", ("code", code))</c>.</summary>
    public string Link(string relativePath, params (string Name, string? Value)[] query)
    {
        var url = new Uri(BaseUri, relativePath.TrimStart('/')).AbsoluteUri;
        return query.Length == 0
            ? url
            : QueryHelpers.AddQueryString(url, query.Where(q => q.Value is not null).Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)));
    }

    private Uri Resolve()
    {
        if (AppOptions.TryParsePublicUrl(options.Value.PublicUrl, out var configured))
        {
            return configured;
        }
        var listening = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var fallback = listening is null ? new Uri("http://localhost:5080/") : FromListeningAddress(listening);
        logger.LogWarning("App:PublicUrl is not set; links in messages will point to {Address}. Set it to the address people use.", fallback);
        return fallback;
    }

    /// <summary>"http://+:8080" and "http://[::]:8080" name every interface; a link needs a host, so they become localhost.</summary>
    internal static Uri FromListeningAddress(string address)
    {
        var normalized = address.Replace("://+", "://localhost").Replace("://*", "://localhost")
            .Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost");
        var builder = new UriBuilder(normalized) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }
        return builder.Uri;
    }
}
