using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>The state one attempt on one route needs, passed to Polly without a closure.</summary>
/// <typeparam name="TRequest">The request's operation type (<see cref="Chat.ChatRequest"/>, <see cref="Inference.OperationRequest"/>).</typeparam>
public readonly record struct RouteAttempt<TRequest>(
    RouteResilience Route,
    TRequest Request,
    AttemptBudget Budget,
    InferenceRecorder Recorder,
    GenAiTelemetry Telemetry,
    TimeProvider Time,
    RequestSettlement? Settlement,
    CancellationToken RequestAborted)
{
    /// <summary>
    /// Opens the attempt's span and the one place its outcome is recorded; the operation's callback adds the
    /// prompt to the span when content capture is on.
    /// </summary>
    public AttemptOutcome Start(GenAiAttemptInfo info) => new(Route, Telemetry.StartAttempt(info), Recorder, Settlement, Time);

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
        }
        failure = null!;
        return false;
    }
}
