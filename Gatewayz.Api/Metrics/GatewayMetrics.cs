using Prometheus;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// The prometheus-net collectors of <see cref="MetricCatalog"/>, in a registry of their own so that
/// several gateways in one process (tests) never share series.
/// </summary>
public sealed class GatewayMetrics
{
    public GatewayMetrics(IHostEnvironment environment)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        factory.ExemplarBehavior = RecordedTraceExemplars.Behavior;

        HttpRequests = Counter(factory, MetricCatalog.HttpRequests);
        HttpRequestDuration = Histogram(factory, MetricCatalog.HttpRequestDuration);
        HttpRequestsInProgress = Gauge(factory, MetricCatalog.HttpRequestsInProgress);
        HttpRequestSize = Histogram(factory, MetricCatalog.HttpRequestSize);
        HttpResponseSize = Histogram(factory, MetricCatalog.HttpResponseSize);
        HttpExceptions = Counter(factory, MetricCatalog.HttpExceptions);

        InferenceRequests = Counter(factory, MetricCatalog.InferenceRequests);
        InferenceDuration = Histogram(factory, MetricCatalog.InferenceDuration);
        TimeToFirstChunk = Histogram(factory, MetricCatalog.TimeToFirstChunk);
        StreamingDuration = Histogram(factory, MetricCatalog.StreamingDuration);
        TokensUsed = Counter(factory, MetricCatalog.TokensUsed);
        CreditsUsed = Counter(factory, MetricCatalog.CreditsUsed);
        CreditDebitsDeadLettered = Counter(factory, MetricCatalog.CreditDebitsDeadLettered);
        Cost = Counter(factory, MetricCatalog.Cost);

        ProviderAvailability = Gauge(factory, MetricCatalog.ProviderAvailability);
        ProviderErrorRate = Gauge(factory, MetricCatalog.ProviderErrorRate);
        ProviderResponseTime = Histogram(factory, MetricCatalog.ProviderResponseTime);
        ProviderHealthScore = Gauge(factory, MetricCatalog.ProviderHealthScore);
        ModelHealthScore = Gauge(factory, MetricCatalog.ModelHealthScore);
        CircuitBreakerState = Gauge(factory, MetricCatalog.CircuitBreakerState);
        CircuitBreakerFailures = Counter(factory, MetricCatalog.CircuitBreakerFailures);
        CircuitBreakerTransitions = Counter(factory, MetricCatalog.CircuitBreakerTransitions);
        Failovers = Counter(factory, MetricCatalog.Failovers);
        Retries = Counter(factory, MetricCatalog.Retries);

        CacheHits = Counter(factory, MetricCatalog.CacheHits);
        CacheMisses = Counter(factory, MetricCatalog.CacheMisses);
        RateLimitHits = Counter(factory, MetricCatalog.RateLimitHits);
        DatabaseQueries = Counter(factory, MetricCatalog.DatabaseQueries);
        DatabaseQueryDuration = Histogram(factory, MetricCatalog.DatabaseQueryDuration);
        RedisConnectionFailures = Counter(factory, MetricCatalog.RedisConnectionFailures);
        RedisOperationDuration = Histogram(factory, MetricCatalog.RedisOperationDuration);
        RealtimeOutcomesDropped = Counter(factory, MetricCatalog.RealtimeOutcomesDropped);

        ActiveApiKeys = Gauge(factory, MetricCatalog.ActiveApiKeys);
        ActiveSubscriptions = Gauge(factory, MetricCatalog.ActiveSubscriptions);
        ActiveTrials = Gauge(factory, MetricCatalog.ActiveTrials);
        ModelUptime24h = Gauge(factory, MetricCatalog.ModelUptime24h);
        TokenEfficiency = Gauge(factory, MetricCatalog.TokenEfficiency);
        AnomaliesDetected = Counter(factory, MetricCatalog.AnomaliesDetected);
        BuildInfo = Gauge(factory, MetricCatalog.BuildInfo);

        BuildInfo.WithLabels(GatewayzTelemetry.ServiceVersion, environment.EnvironmentName).Set(1);
    }

    public CollectorRegistry Registry { get; }

    public Counter HttpRequests { get; }
    public Histogram HttpRequestDuration { get; }
    public Gauge HttpRequestsInProgress { get; }
    public Histogram HttpRequestSize { get; }
    public Histogram HttpResponseSize { get; }
    public Counter HttpExceptions { get; }

    public Counter InferenceRequests { get; }
    public Histogram InferenceDuration { get; }
    public Histogram TimeToFirstChunk { get; }
    public Histogram StreamingDuration { get; }
    public Counter TokensUsed { get; }
    public Counter CreditsUsed { get; }
    public Counter CreditDebitsDeadLettered { get; }
    public Counter Cost { get; }

    public Gauge ProviderAvailability { get; }
    public Gauge ProviderErrorRate { get; }
    public Histogram ProviderResponseTime { get; }
    public Gauge ProviderHealthScore { get; }
    public Gauge ModelHealthScore { get; }
    public Gauge CircuitBreakerState { get; }
    public Counter CircuitBreakerFailures { get; }
    public Counter CircuitBreakerTransitions { get; }
    public Counter Failovers { get; }
    public Counter Retries { get; }

    public Counter CacheHits { get; }
    public Counter CacheMisses { get; }
    public Counter RateLimitHits { get; }
    public Counter DatabaseQueries { get; }
    public Histogram DatabaseQueryDuration { get; }
    public Counter RedisConnectionFailures { get; }
    public Histogram RedisOperationDuration { get; }
    public Counter RealtimeOutcomesDropped { get; }

    public Gauge ActiveApiKeys { get; }
    public Gauge ActiveSubscriptions { get; }
    public Gauge ActiveTrials { get; }
    public Gauge ModelUptime24h { get; }
    public Gauge TokenEfficiency { get; }
    public Counter AnomaliesDetected { get; }
    public Gauge BuildInfo { get; }

    private static Counter Counter(IMetricFactory factory, MetricDefinition definition) =>
        factory.CreateCounter(definition.Name, definition.Help, definition.Labels);

    private static Gauge Gauge(IMetricFactory factory, MetricDefinition definition) =>
        factory.CreateGauge(definition.Name, definition.Help, definition.Labels);

    private static Histogram Histogram(IMetricFactory factory, MetricDefinition definition) =>
        factory.CreateHistogram(definition.Name, definition.Help, definition.Labels,
            new HistogramConfiguration { Buckets = definition.Buckets });
}
