namespace Gatewayz.Api.Catalog;

public sealed class ProviderOptions
{
    public ProviderKind Kind { get; set; } = ProviderKind.Simulated;

    /// <summary>
    /// Base URL of an HTTP upstream, up to and including its version segment (for example
    /// <c>https://api.groq.com/openai/v1</c>); for an Anthropic upstream <c>https://api.anthropic.com/v1</c> when not set.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The upstream's API key, normally supplied through the environment (<c>Gatewayz__Providers__NAME__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>anthropic-version</c> header an Anthropic upstream is sent (default <c>2023-06-01</c>).</summary>
    public string? AnthropicVersion { get; set; }

    /// <summary>How long to wait for the upstream's response headers (or the first stream chunk).</summary>
    public double TimeToFirstByteSeconds { get; set; } = 30;

    /// <summary>Upper bound for a non-streaming call; a stream is bounded by <see cref="StreamIdleTimeoutSeconds"/> instead.</summary>
    public double TotalTimeoutSeconds { get; set; } = 120;

    /// <summary>A stream that delivers no chunk for this long is treated as failed.</summary>
    public double StreamIdleTimeoutSeconds { get; set; } = 30;

    public SimulationOptions Simulation { get; set; } = new();
}
