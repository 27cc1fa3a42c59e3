using System.Collections.Frozen;
using Gatewayz.Api.Telemetry;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Health;
using Gatewayz.Api.Providers;
using Polly;
using Polly.CircuitBreaker;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Everything the gateway keeps per route (provider + model): the cached Polly pipeline (retry →
/// circuit breaker → timeout), the breaker's state as this replica and the other replicas see it,
/// and the real traffic that passive health is computed from.
/// </summary>
public sealed class RouteResilience
{
    private readonly TimeProvider _time;
    private long _openUntilTicks;
    private int _failuresSinceClosed;
    private string _state = BreakerStates.Closed;
    private long _updatedTicks;
    private volatile SharedBreakerState? _remote;
    private readonly FrozenDictionary<ModelOperation, GenAiAttemptInfo> _operationTelemetry;

    public RouteResilience(CatalogModel model, ResolvedRoute route, IChatProvider provider, ProviderOptions providerOptions,
        RouteMetrics metrics, TrafficWindow traffic, TimeProvider time)
    {
        _time = time;
        Model = model;
        Route = route;
        Provider = provider;
        Metrics = metrics;
        Traffic = traffic;
        Key = $"{route.Provider}|{model.Id}";
        TimeToFirstByte = TimeSpan.FromSeconds(providerOptions.TimeToFirstByteSeconds);
        TotalTimeout = TimeSpan.FromSeconds(providerOptions.TotalTimeoutSeconds);
        CompletionTelemetry = GenAiAttemptInfo.Chat(model, route, streaming: false, providerOptions);
        StreamTelemetry = GenAiAttemptInfo.Chat(model, route, streaming: true, providerOptions);
        _operationTelemetry = model.Operations.ToFrozenDictionary(operation => operation,
            operation => GenAiAttemptInfo.Of(operation, model, route, streaming: false, providerOptions));
        _updatedTicks = time.GetUtcNow().UtcTicks;
    }

    public CatalogModel Model { get; }
    public ResolvedRoute Route { get; }
    public IChatProvider Provider { get; }
    public RouteMetrics Metrics { get; }
    public TrafficWindow Traffic { get; }

    /// <summary>How this route's attempts appear in spans and GenAI metrics, built once.</summary>
    public GenAiAttemptInfo CompletionTelemetry { get; }
    public GenAiAttemptInfo StreamTelemetry { get; }

    /// <summary>How a non-streamed attempt of <paramref name="operation"/> (one the model serves) appears in spans and GenAI metrics.</summary>
    public GenAiAttemptInfo TelemetryOf(ModelOperation operation) => _operationTelemetry[operation];

    /// <summary>The field of this route in the shared Redis hashes: <c>{provider}|{model}</c>.</summary>
    public string Key { get; }

    public TimeSpan TimeToFirstByte { get; }
    public TimeSpan TotalTimeout { get; }

    public ResiliencePipeline Pipeline { get; internal set; } = ResiliencePipeline.Empty;

    /// <summary>The circuit breaker alone, the same one <see cref="Pipeline"/> runs through.</summary>
    public ResiliencePipeline BreakerPipeline { get; internal set; } = ResiliencePipeline.Empty;

    public CircuitBreakerStateProvider Breaker { get; } = new();

    /// <summary>Raised after every state change of this replica's breaker (to share it).</summary>
    public event Action<RouteResilience>? BreakerChanged;

    /// <summary>
    /// True while this replica's breaker is open, or another replica reported it open. Once the
    /// break is over the pipeline itself lets a trial call through (half-open).
    /// </summary>
    public bool IsOpen()
    {
        var now = _time.GetUtcNow();
        return now.UtcTicks < Volatile.Read(ref _openUntilTicks) || _remote?.IsOpenAt(now) == true;
    }

    public SharedBreakerState? Remote
    {
        get => _remote;
        set => _remote = value;
    }

    public SharedBreakerState LocalState(string instance)
    {
        var openUntil = Volatile.Read(ref _openUntilTicks);
        return new SharedBreakerState(_state, Volatile.Read(ref _failuresSinceClosed),
            openUntil == 0 ? null : new DateTimeOffset(openUntil, TimeSpan.Zero),
            new DateTimeOffset(Volatile.Read(ref _updatedTicks), TimeSpan.Zero), instance);
    }

    /// <summary>
    /// Records a stream that failed after its first chunk: passive health and the breaker, which had
    /// taken the attempt for a success when that chunk arrived and now also sees it fail. An open
    /// breaker does not count it again.
    /// </summary>
    public async ValueTask CountLateFailureAsync(UpstreamException failure, TimeSpan elapsed)
    {
        Traffic.Record(failed: true, elapsed);
        if (!RoutePipelineFactory.CountsAgainstRoute(failure))
            return;
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        try
        {
            await BreakerPipeline.ExecuteOutcomeAsync(static (_, state) =>
            {
                state.Route.CountBreakerFailure();
                return ValueTask.FromResult(Outcome.FromException<bool>(state.Failure));
            }, context, (Route: this, Failure: failure));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    internal void CountBreakerFailure()
    {
        Interlocked.Increment(ref _failuresSinceClosed);
        Metrics.BreakerFailures.Inc();
    }

    internal void Opened(TimeSpan breakDuration)
    {
        var now = _time.GetUtcNow();
        Volatile.Write(ref _openUntilTicks, (now + breakDuration).UtcTicks);
        Changed(BreakerStates.Open, now);
    }

    internal void HalfOpened()
    {
        Volatile.Write(ref _openUntilTicks, 0);
        Changed(BreakerStates.HalfOpen, _time.GetUtcNow());
    }

    internal void Closed()
    {
        Volatile.Write(ref _openUntilTicks, 0);
        Volatile.Write(ref _failuresSinceClosed, 0);
        Changed(BreakerStates.Closed, _time.GetUtcNow());
    }

    private void Changed(string state, DateTimeOffset now)
    {
        _state = state;
        Volatile.Write(ref _updatedTicks, now.UtcTicks);
        Metrics.Transitioned(state);
        BreakerChanged?.Invoke(this);
    }
}
