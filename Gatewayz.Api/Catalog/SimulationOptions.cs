namespace Gatewayz.Api.Catalog;

/// <summary>How a simulated provider behaves. Every field can be overridden per model in <see cref="Models"/>.</summary>
public sealed class SimulationOptions
{
    /// <summary>Median time to the first token, in milliseconds (log-normally distributed).</summary>
    public double TimeToFirstTokenMs { get; set; } = 350;

    /// <summary>Spread of the log-normal latency distribution (σ of the underlying normal).</summary>
    public double LatencySigma { get; set; } = 0.45;

    /// <summary>Output speed once the first token is out.</summary>
    public double TokensPerSecond { get; set; } = 80;

    /// <summary>Typical completion length when the client does not ask for less.</summary>
    public int MeanOutputTokens { get; set; } = 120;

    /// <summary>Share of calls that fail with a 5xx-like upstream error, 0–1.</summary>
    public double ErrorRate { get; set; }

    /// <summary>Share of calls that the upstream rejects with 429, 0–1.</summary>
    public double RateLimitRate { get; set; }

    /// <summary>Recurring outage windows during which every call fails as if the upstream were unreachable.</summary>
    public List<OutageWindow> Outages { get; set; } = [];

    /// <summary>
    /// The length of the vectors an embedding model answers with, when the request gives no <c>dimensions</c>;
    /// a request may ask for fewer (the vector is cut and normalised again, as OpenAI's text-embedding-3 models
    /// do), never more. Set it per model (1536 for <c>text-embedding-3-small</c>, 3072 for <c>-large</c>).
    /// </summary>
    public int EmbeddingDimensions { get; set; } = 1536;

    public Dictionary<string, SimulationOverride> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
