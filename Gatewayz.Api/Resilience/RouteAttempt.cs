using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>The state one attempt on one route needs, passed to Polly without a closure.</summary>
public readonly record struct RouteAttempt(
    RouteResilience Route,
    ProviderCall Call,
    AttemptBudget Budget,
    InferenceRecorder Recorder,
    GenAiTelemetry Telemetry,
    TimeProvider Time,
    CancellationToken RequestAborted)
{
    /// <summary>
    /// Turns what the provider threw into an upstream failure. The pipeline's timeout shows up as a
    /// cancelled attempt while the client is still waiting; the client going away is not a failure.
    /// </summary>
    /// <param name="firstChunkExpired">Whether a stream's first-chunk deadline passed (streams have no Polly timeout).</param>
    public bool TryTranslate(Exception exception, ResilienceContext context, bool firstChunkExpired, out UpstreamException failure)
    {
        switch (exception)
        {
            case UpstreamException upstream:
                failure = upstream;
                return true;
            case OperationCanceledException when !RequestAborted.IsCancellationRequested && (context.CancellationToken.IsCancellationRequested || firstChunkExpired):
                var limit = context.OperationKey == RoutePipelineFactory.StreamOperation ? Route.TimeToFirstByte : Route.TotalTimeout;
                failure = new UpstreamException(UpstreamFailureKind.Timeout,
                    $"{Route.Route.Provider} did not answer within {limit.TotalSeconds:0.###} s.", inner: exception);
                return true;
            case OperationCanceledException when RequestAborted.IsCancellationRequested:
                Recorder.Cancelled(Route.Model, Route.Route);
                break;
        }
        failure = null!;
        return false;
    }

    /// <summary>Records a failed attempt: metrics, passive health and the breaker's failure count.</summary>
    public void Failed(UpstreamException failure, long startedAt)
    {
        var elapsed = Time.GetElapsedTime(startedAt);
        Recorder.Failed(Route.Model, Route.Route, elapsed, failure);
        if (!RoutePipelineFactory.CountsAgainstRoute(failure))
            return;
        Route.Traffic.Record(failed: true, elapsed);
        Route.CountBreakerFailure();
    }
}
