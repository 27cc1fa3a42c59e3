namespace Gatewayz.Api.Catalog;

public enum ProviderKind
{
    /// <summary>An upstream that speaks OpenAI's chat-completions wire format over HTTP.</summary>
    OpenAiCompatible,

    /// <summary>The built-in simulator: realistic latency, tokens, errors and outages, no network.</summary>
    Simulated,
}
