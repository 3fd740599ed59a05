using System.Net;

namespace BlazorLedger.Hosting;

/// <summary>How the app is reached from outside: section "App".</summary>
public sealed class AppOptions
{
    /// <summary>The address people use, e.g. https://ledger.example.org. Every link in a message is built on it.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Reverse proxies whose X-Forwarded-For and X-Forwarded-Proto headers are believed: addresses or networks
    /// ("10.0.0.5", "10.0.0.0/24"), separated by commas or semicolons. Empty: the headers are ignored.
    /// </summary>
    public string? TrustedProxies { get; set; }

    public static bool TryParsePublicUrl(string? text, out Uri uri)
    {
        uri = default!;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
        {
            return false;
        }
        uri = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }

    public IReadOnlyList<string> TrustedProxyEntries() =>
        (TrustedProxies ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<string> Validate()
    {
        if (!string.IsNullOrWhiteSpace(PublicUrl) && !TryParsePublicUrl(PublicUrl, out _))
        {
            yield return $"App:PublicUrl '{PublicUrl}' is not an absolute http or https address without query (e.g. https://ledger.example.org).";
        }
        foreach (var entry in TrustedProxyEntries())
        {
            if (!IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _))
            {
                yield return $"App:TrustedProxies entry '{entry}' is neither an IP address nor a network such as 10.0.0.0/24.";
            }
        }
    }
}
