using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Gatewayz.Api.Telemetry;

namespace Gatewayz.Api.Inference;

/// <summary>
/// The one place an upstream attempt's outcome is recorded — Prometheus and the real-time store
/// (<see cref="InferenceRecorder"/>), the attempt's GenAI span, passive health, the circuit breaker, and
/// for the attempt that answers, the request's <see cref="RequestSettlement"/> (credits, token budget) —
/// exactly once, on whichever exit the attempt takes: an answer, a failure before or after its first
/// chunk, the client cancelling, or a stream the client abandoned. Later calls do nothing.
/// </summary>
public sealed class AttemptOutcome(RouteResilience route, GenAiAttempt span, InferenceRecorder recorder, RequestSettlement? settlement, TimeProvider time)
    : IDisposable
{
    private readonly long _startedAt = time.GetTimestamp();
    private long _firstChunkAt;
    private TimeSpan? _timeToFirstChunk;
    private int _recorded;

    /// <summary>The attempt's span; streams read in another async flow make it current again for their logs and exemplars.</summary>
    public GenAiAttempt Span => span;

    /// <summary>Whether the outcome has been recorded (the attempt is over).</summary>
    public bool IsRecorded => Volatile.Read(ref _recorded) != 0;

    public TimeSpan Elapsed => time.GetElapsedTime(_startedAt);

    /// <summary>A stream's first chunk with output: from here on the attempt can no longer fail over.</summary>
    public void FirstChunk()
    {
        _firstChunkAt = time.GetTimestamp();
        _timeToFirstChunk = time.GetElapsedTime(_startedAt, _firstChunkAt);
        span.FirstChunk();
        recorder.FirstChunk(route.Model, route.Route, _timeToFirstChunk.Value);
    }

    /// <summary>The upstream answered, whole; the request is charged its usage.</summary>
    /// <param name="finishReason">Why the answer ended; null for an operation whose answers have none (embeddings).</param>
    public void Succeeded(TokenUsage usage, string? finishReason, string? responseModel = null)
    {
        if (!Claim()) return;
        var elapsed = Elapsed;
        // Recorded inside the attempt span, so the latency exemplars point at it.
        span.MakeCurrent();
        if (_timeToFirstChunk is { } timeToFirstChunk)
            recorder.StreamEnded(route.Model, route.Route, time.GetElapsedTime(_firstChunkAt));
        recorder.Succeeded(route.Model, route.Route, elapsed, usage);
        // A stream's latency for passive health is its time to first chunk: its length depends on the answer.
        route.Traffic.Record(failed: false, _timeToFirstChunk ?? elapsed);
        span.Succeeded(responseModel, usage.InputTokens, usage.OutputTokens, finishReason);
        settlement?.Charge(usage);
    }

    /// <summary>
    /// The attempt failed before anything reached the client. The route's pipeline hands the failure to
    /// its breaker itself; this counts it (metrics, breaker failure count, passive health).
    /// </summary>
    public void Failed(UpstreamException failure)
    {
        if (!Claim()) return;
        var elapsed = Elapsed;
        recorder.Failed(route.Model, route.Route, elapsed, failure);
        if (RoutePipelineFactory.CountsAgainstRoute(failure))
        {
            route.Traffic.Record(failed: true, elapsed);
            route.CountBreakerFailure();
        }
        span.Failed(failure.ErrorType, failure.Message);
    }

    /// <summary>
    /// A stream failed after its first chunk: the breaker, which took the attempt for a success when that
    /// chunk arrived, now sees it fail, and passive health counts it.
    /// </summary>
    public async ValueTask FailedAfterFirstChunkAsync(UpstreamException failure)
    {
        if (!Claim()) return;
        var elapsed = Elapsed;
        span.MakeCurrent();
        recorder.Failed(route.Model, route.Route, elapsed, failure);
        await route.CountLateFailureAsync(failure, elapsed);
        span.Failed(failure.ErrorType, failure.Message);
    }

    /// <summary>The client went away before any answer: not the provider's failure.</summary>
    public void Cancelled()
    {
        if (!Claim()) return;
        recorder.Cancelled(route.Model, route.Route);
        span.Failed(InferenceRecorder.CancelledStatus);
    }

    /// <summary>
    /// The client went away in the middle of a stream: recorded as cancelled with the usage of what it
    /// was delivered, which the request is charged.
    /// </summary>
    public void Abandoned(TokenUsage delivered)
    {
        if (!Claim()) return;
        span.MakeCurrent();
        recorder.StreamAbandoned(route.Model, route.Route, Elapsed, delivered);
        span.Abandoned(InferenceRecorder.CancelledStatus, delivered.InputTokens, delivered.OutputTokens);
        settlement?.Charge(delivered);
    }

    /// <summary>Something other than the upstream broke the attempt (a bug of ours): the span says what.</summary>
    public void Broke(Exception exception)
    {
        if (!Claim()) return;
        span.Failed(exception.GetType().Name, exception.Message);
    }

    private bool Claim() => Interlocked.Exchange(ref _recorded, 1) == 0;

    /// <summary>Ends the span; one that was never given an outcome says so.</summary>
    public void Dispose() => span.Dispose();
}
