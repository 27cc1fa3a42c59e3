using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>The label children of one route (provider and model), resolved once so that recording allocates nothing.</summary>
internal sealed class InferenceSeries(GatewayMetrics metrics, string provider, string model)
{
    public Counter.Child Successes { get; } = metrics.InferenceRequests.WithLabels(provider, model, "success");
    public Histogram.Child Duration { get; } = metrics.InferenceDuration.WithLabels(provider, model);
    public Histogram.Child ProviderResponseTime { get; } = metrics.ProviderResponseTime.WithLabels(provider);
    public Counter.Child InputTokens { get; } = metrics.TokensUsed.WithLabels(provider, model, "input");
    public Counter.Child OutputTokens { get; } = metrics.TokensUsed.WithLabels(provider, model, "output");
    public Counter.Child Cost { get; } = metrics.Cost.WithLabels(provider, model);
    public Counter.Child Credits { get; } = metrics.CreditsUsed.WithLabels(provider, model);
    public Histogram.Child TimeToFirstChunk { get; } = metrics.TimeToFirstChunk.WithLabels(provider, model);
    public Histogram.Child StreamingDuration { get; } = metrics.StreamingDuration.WithLabels(provider, model);
}
