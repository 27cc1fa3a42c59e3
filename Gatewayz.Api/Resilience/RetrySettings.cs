namespace Gatewayz.Api.Resilience;

/// <summary>Retries on the same route for transient failures (connection errors, timeouts, 5xx, 429).</summary>
public sealed class RetrySettings
{
    /// <summary>Retries after the first attempt; 0 turns retries off (the request still fails over).</summary>
    public int MaxRetries { get; set; } = 1;

    /// <summary>Delay before the first retry; it doubles on every further retry and is jittered.</summary>
    public double BaseDelayMilliseconds { get; set; } = 200;

    public double MaxDelayMilliseconds { get; set; } = 2000;

    /// <summary>A 429's <c>Retry-After</c> is honoured up to this long; beyond it the request fails over instead.</summary>
    public double MaxRetryAfterSeconds { get; set; } = 1;
}
