using System.Net;
using System.Text.RegularExpressions;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Cleans text an upstream wrote before a client sees it: the provider's API key and addresses that
/// reveal the gateway's network (the provider's own host, IP literals, single-label and private-suffix
/// hosts) are replaced. Public links, such as documentation URLs in an error message, stay.
/// </summary>
public sealed partial class UpstreamRedactor(Uri? baseUrl, string? apiKey)
{
    private static readonly string[] PrivateSuffixes = [".local", ".internal", ".lan", ".localdomain", ".svc", ".cluster.local", ".corp", ".home.arpa", ".intranet"];

    /// <summary>Returns <paramref name="text"/> with secrets and internal addresses replaced.</summary>
    public string Redact(string text)
    {
        // Keys shorter than this are test values that would match ordinary words.
        if (apiKey is { Length: >= 8 })
            text = text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        text = Url().Replace(text, match => IsInternal(match.Value) ? "[internal-url]" : match.Value);
        if (baseUrl is { IsAbsoluteUri: true })
            text = text.Replace(baseUrl.Authority, "[internal-host]", StringComparison.OrdinalIgnoreCase);
        return Ipv4().Replace(text, "[internal-host]");
    }

    private bool IsInternal(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return true;
        var host = uri.IdnHost;
        return string.Equals(host, baseUrl?.IdnHost, StringComparison.OrdinalIgnoreCase)
            || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            || IPAddress.TryParse(host, out _)
            || !host.Contains('.')
            || PrivateSuffixes.Any(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
    }

    // Punctuation that ends a sentence is not part of the URL before it.
    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s""'<>]*[^\s""'<>.,;:!?)\]]")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b\d{1,3}(\.\d{1,3}){3}(:\d{1,5})?\b")]
    private static partial Regex Ipv4();
}
