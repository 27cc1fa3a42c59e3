namespace Gatewayz.Api.Http;

/// <summary><c>Gatewayz:Cors</c>: which web pages may call the gateway from a browser.</summary>
public sealed class CrossOriginOptions
{
    public const string SectionName = "Gatewayz:Cors";

    /// <summary>
    /// Origins such as <c>https://app.example.com</c> whose pages may call the API. Empty: no cross-origin
    /// access (the Development environment allows every origin).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
