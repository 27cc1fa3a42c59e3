namespace Gatewayz.Api.Catalog;

public enum ProviderKind
{
    /// <summary>An upstream that speaks OpenAI's chat-completions wire format over HTTP.</summary>
    OpenAiCompatible,

    /// <summary>
    /// An upstream that speaks Anthropic's Messages API over HTTP (Anthropic's own, or a service that
    /// implements it): it serves <c>/v1/messages</c>, whose requests and answers it relays as sent.
    /// </summary>
    Anthropic,

    /// <summary>The built-in simulator: realistic latency, tokens, errors and outages, no network.</summary>
    Simulated,
}
