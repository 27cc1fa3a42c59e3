using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Providers;

namespace Gatewayz.Api.Inference;

/// <summary>Everything measured about one upstream attempt, recorded in one place.</summary>
public sealed class InferenceRecorder(GatewayMetrics metrics)
{
    public const string Success = "success";
    public const string CancelledStatus = "cancelled";

    public void Succeeded(CatalogModel model, ResolvedRoute route, TimeSpan duration, TokenUsage usage)
    {
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, Success).Inc();
        metrics.InferenceDuration.WithLabels(route.Provider, model.Id).Observe(duration.TotalSeconds);
        metrics.ProviderResponseTime.WithLabels(route.Provider).Observe(duration.TotalSeconds);
        metrics.TokensUsed.WithLabels(route.Provider, model.Id, "input").Inc(usage.InputTokens);
        metrics.TokensUsed.WithLabels(route.Provider, model.Id, "output").Inc(usage.OutputTokens);
        var cost = (double)model.Pricing.CostOf(usage.InputTokens, usage.OutputTokens);
        metrics.Cost.WithLabels(route.Provider, model.Id).Inc(cost);
        metrics.CreditsUsed.WithLabels(route.Provider, model.Id).Inc(cost);
    }

    public void FirstChunk(CatalogModel model, ResolvedRoute route, TimeSpan timeToFirstChunk) =>
        metrics.TimeToFirstChunk.WithLabels(route.Provider, model.Id).Observe(timeToFirstChunk.TotalSeconds);

    public void StreamEnded(CatalogModel model, ResolvedRoute route, TimeSpan streamingDuration) =>
        metrics.StreamingDuration.WithLabels(route.Provider, model.Id).Observe(streamingDuration.TotalSeconds);

    public void Failed(CatalogModel model, ResolvedRoute route, TimeSpan duration, UpstreamException failure)
    {
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, failure.ErrorType).Inc();
        metrics.ProviderResponseTime.WithLabels(route.Provider).Observe(duration.TotalSeconds);
    }

    public void Cancelled(CatalogModel model, ResolvedRoute route) =>
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, CancelledStatus).Inc();
}
