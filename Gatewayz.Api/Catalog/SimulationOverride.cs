namespace Gatewayz.Api.Catalog;

/// <summary>Per-model deviations from a simulated provider's defaults; unset fields inherit.</summary>
public sealed class SimulationOverride
{
    public double? TimeToFirstTokenMs { get; set; }
    public double? TokensPerSecond { get; set; }
    public int? MeanOutputTokens { get; set; }
    public double? ErrorRate { get; set; }
    public double? RateLimitRate { get; set; }
    public List<OutageWindow>? Outages { get; set; }
    public int? EmbeddingDimensions { get; set; }
}
