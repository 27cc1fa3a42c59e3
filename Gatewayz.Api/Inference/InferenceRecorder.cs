using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Providers;
using Gatewayz.RealtimeMetrics;

namespace Gatewayz.Api.Inference;

/// <summary>
/// Everything measured about one upstream attempt, recorded in one place: the Prometheus series and
/// one <see cref="RequestOutcome"/> for the real-time store (queued, never blocking).
/// </summary>
public sealed class InferenceRecorder(GatewayMetrics metrics, ModelUsageGauges usageGauges, IRealtimeMetricsWriter realtime, TimeProvider time)
{
    public const string Success = "success";
    public const string CancelledStatus = "cancelled";

    private readonly SeriesCache<InferenceSeries> _series = new(metrics, static (m, provider, model) => new InferenceSeries(m, provider, model));

    public void Succeeded(CatalogModel model, ResolvedRoute route, TimeSpan duration, TokenUsage usage)
    {
        var series = _series.Get(route.Provider, model.Id);
        series.Successes.Inc();
        series.Duration.Observe(duration.TotalSeconds);
        series.ProviderResponseTime.Observe(duration.TotalSeconds);
        var cost = CountUsage(series, model, usage);
        usageGauges.Succeeded(model.Id, usage);
        realtime.Record(new RequestOutcome(route.Provider, model.Id, time.GetUtcNow(), duration.TotalMilliseconds,
            Success: true, ErrorType: null, ErrorMessage: null, usage.InputTokens, usage.OutputTokens, cost));
    }

    public void FirstChunk(CatalogModel model, ResolvedRoute route, TimeSpan timeToFirstChunk) =>
        _series.Get(route.Provider, model.Id).TimeToFirstChunk.Observe(timeToFirstChunk.TotalSeconds);

    public void StreamEnded(CatalogModel model, ResolvedRoute route, TimeSpan streamingDuration) =>
        _series.Get(route.Provider, model.Id).StreamingDuration.Observe(streamingDuration.TotalSeconds);

    public void Failed(CatalogModel model, ResolvedRoute route, TimeSpan duration, UpstreamException failure)
    {
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, failure.ErrorType).Inc();
        _series.Get(route.Provider, model.Id).ProviderResponseTime.Observe(duration.TotalSeconds);
        usageGauges.Failed(model.Id);
        realtime.Record(new RequestOutcome(route.Provider, model.Id, time.GetUtcNow(), duration.TotalMilliseconds,
            Success: false, failure.ErrorType, failure.Message, InputTokens: 0, OutputTokens: 0, Cost: 0));
    }

    /// <summary>The client went away: counted in Prometheus, but not a provider outcome for the real-time store.</summary>
    public void Cancelled(CatalogModel model, ResolvedRoute route) =>
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, CancelledStatus).Inc();

    /// <summary>
    /// The client went away in the middle of a stream: counted as <see cref="CancelledStatus"/>, with the
    /// tokens and cost of what it was delivered. The real-time store gets it as a success with that usage:
    /// the provider answered, and the store has no third outcome that would keep a client's departure out
    /// of the provider's error rate.
    /// </summary>
    public void StreamAbandoned(CatalogModel model, ResolvedRoute route, TimeSpan duration, TokenUsage usage)
    {
        metrics.InferenceRequests.WithLabels(route.Provider, model.Id, CancelledStatus).Inc();
        var cost = CountUsage(_series.Get(route.Provider, model.Id), model, usage);
        realtime.Record(new RequestOutcome(route.Provider, model.Id, time.GetUtcNow(), duration.TotalMilliseconds,
            Success: true, ErrorType: null, ErrorMessage: null, usage.InputTokens, usage.OutputTokens, cost));
    }

    private static decimal CountUsage(InferenceSeries series, CatalogModel model, TokenUsage usage)
    {
        series.InputTokens.Inc(usage.InputTokens);
        series.OutputTokens.Inc(usage.OutputTokens);
        var cost = model.Pricing.CostOf(usage);
        series.Cost.Inc((double)cost);
        series.Credits.Inc((double)cost);
        return cost;
    }
}
