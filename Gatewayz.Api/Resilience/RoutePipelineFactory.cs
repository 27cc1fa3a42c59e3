using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Builds a route's pipeline once at start-up: retry (outermost, so each retry passes the breaker
/// again) → circuit breaker → timeout (innermost, one per attempt). All timing goes through the
/// injected <see cref="TimeProvider"/>.
/// </summary>
public static class RoutePipelineFactory
{
    /// <summary>Operation keys: a stream's attempt is bounded by time to first byte, a completion by the total timeout.</summary>
    public const string StreamOperation = "stream";
    public const string CompleteOperation = "complete";

    public static ResiliencePipeline Create(RouteResilience route, CircuitBreakerSettings breaker, RetrySettings retry, TimeProvider time)
    {
        // The breaker is a pipeline of its own so that a stream failing after its first chunk, when
        // this pipeline has long returned, can still be counted by it (RouteResilience.CountLateFailureAsync).
        route.BreakerPipeline = new ResiliencePipelineBuilder { TimeProvider = time, Name = "gatewayz-route-breaker", InstanceName = route.Key }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = breaker.FailureRatio,
                MinimumThroughput = breaker.MinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(breaker.SamplingDurationSeconds),
                BreakDuration = TimeSpan.FromSeconds(breaker.BreakDurationSeconds),
                StateProvider = route.Breaker,
                ShouldHandle = static args => ValueTask.FromResult(CountsAgainstRoute(args.Outcome.Exception)),
                OnOpened = args => { route.Opened(args.BreakDuration); return default; },
                OnHalfOpened = _ => { route.HalfOpened(); return default; },
                OnClosed = _ => { route.Closed(); return default; },
            })
            .Build();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time, Name = "gatewayz-route", InstanceName = route.Key };
        if (retry.MaxRetries > 0)
            builder.AddRetry(RetryOptions(route, retry));
        builder.AddPipeline(route.BreakerPipeline);
        // A stream's time to first byte is not a Polly timeout: it is a deadline that upstream activity
        // (SSE comments) extends, kept by InferenceAttempts.OpenStreamAsync. Infinite turns Polly's off.
        builder.AddTimeout(new TimeoutStrategyOptions
        {
            TimeoutGenerator = args => ValueTask.FromResult(
                args.Context.OperationKey == StreamOperation ? Timeout.InfiniteTimeSpan : route.TotalTimeout),
        });
        return builder.Build();
    }

    /// <summary>Failures that say something about the route; a request the upstream rejected (4xx) does not.</summary>
    public static bool CountsAgainstRoute(Exception? exception) =>
        exception is UpstreamException { Kind: not UpstreamFailureKind.ClientError };

    private static RetryStrategyOptions RetryOptions(RouteResilience route, RetrySettings retry)
    {
        var maxRetryAfter = TimeSpan.FromSeconds(retry.MaxRetryAfterSeconds);
        return new RetryStrategyOptions
        {
            MaxRetryAttempts = retry.MaxRetries,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(retry.BaseDelayMilliseconds),
            MaxDelay = TimeSpan.FromMilliseconds(retry.MaxDelayMilliseconds),
            ShouldHandle = args => ValueTask.FromResult(
                IsRetryable(args.Outcome.Exception, maxRetryAfter)
                && args.Context.Properties.GetValue(AttemptBudget.Key, null!)?.HasRemaining != false),
            // A 429's Retry-After wins over the backoff (it is within the cap, or ShouldHandle said no).
            DelayGenerator = static args => ValueTask.FromResult(
                args.Outcome.Exception is UpstreamException { Kind: UpstreamFailureKind.RateLimited, RetryAfter: { } after }
                    ? (TimeSpan?)(after < TimeSpan.Zero ? TimeSpan.Zero : after)
                    : null),
            OnRetry = args =>
            {
                if (args.Outcome.Exception is UpstreamException failure)
                {
                    route.Metrics.Retried(failure.ErrorType);
                    GenAiTelemetry.Retry(args.AttemptNumber + 1, failure.ErrorType, args.RetryDelay);
                }
                return default;
            },
        };
    }

    private static bool IsRetryable(Exception? exception, TimeSpan maxRetryAfter) => exception switch
    {
        UpstreamException { Kind: UpstreamFailureKind.ClientError } => false,
        UpstreamException { Kind: UpstreamFailureKind.RateLimited, RetryAfter: { } after } => after <= maxRetryAfter,
        UpstreamException => true,
        _ => false,
    };
}
