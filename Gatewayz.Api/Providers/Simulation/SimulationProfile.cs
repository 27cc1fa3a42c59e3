using Gatewayz.Api.Catalog;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>A simulated provider's settings for one model, with the per-model overrides applied.</summary>
public sealed record SimulationProfile(
    double TimeToFirstTokenMs,
    double LatencySigma,
    double TokensPerSecond,
    int MeanOutputTokens,
    double ErrorRate,
    double RateLimitRate,
    IReadOnlyList<OutageWindow> Outages,
    int EmbeddingDimensions)
{
    public static SimulationProfile For(SimulationOptions options, string model)
    {
        options.Models.TryGetValue(model, out var custom);
        return new SimulationProfile(
            custom?.TimeToFirstTokenMs ?? options.TimeToFirstTokenMs,
            options.LatencySigma,
            custom?.TokensPerSecond ?? options.TokensPerSecond,
            custom?.MeanOutputTokens ?? options.MeanOutputTokens,
            custom?.ErrorRate ?? options.ErrorRate,
            custom?.RateLimitRate ?? options.RateLimitRate,
            custom?.Outages ?? options.Outages,
            custom?.EmbeddingDimensions ?? options.EmbeddingDimensions);
    }
}
