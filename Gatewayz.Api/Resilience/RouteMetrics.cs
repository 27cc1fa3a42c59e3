using Gatewayz.Api.Metrics;
using Prometheus;

namespace Gatewayz.Api.Resilience;

/// <summary>One route's resilience series, resolved once so that recording needs no label lookups.</summary>
public sealed class RouteMetrics
{
    private readonly GatewayMetrics _metrics;
    private readonly string _provider;
    private readonly string _model;
    private readonly Gauge.Child[] _state;
    private readonly Counter.Child[] _transitions;

    public RouteMetrics(GatewayMetrics metrics, string provider, string model)
    {
        _metrics = metrics;
        _provider = provider;
        _model = model;
        _state = new Gauge.Child[BreakerStates.All.Length];
        _transitions = new Counter.Child[BreakerStates.All.Length];
        for (var i = 0; i < BreakerStates.All.Length; i++)
        {
            _state[i] = metrics.CircuitBreakerState.WithLabels(provider, model, BreakerStates.All[i]);
            _transitions[i] = metrics.CircuitBreakerTransitions.WithLabels(provider, model, BreakerStates.All[i]);
        }
        BreakerFailures = metrics.CircuitBreakerFailures.WithLabels(provider, model);
        ShowState(BreakerStates.Closed);
    }

    public Counter.Child BreakerFailures { get; }

    public void Transitioned(string state)
    {
        ShowState(state);
        _transitions[Array.IndexOf(BreakerStates.All, state)].Inc();
    }

    public void Retried(string errorType) => _metrics.Retries.WithLabels(_provider, _model, errorType).Inc();

    public void FailedOver(string reason) => _metrics.Failovers.WithLabels(_provider, _model, reason).Inc();

    private void ShowState(string state)
    {
        for (var i = 0; i < _state.Length; i++)
            _state[i].Set(BreakerStates.All[i] == state ? 1 : 0);
    }
}
