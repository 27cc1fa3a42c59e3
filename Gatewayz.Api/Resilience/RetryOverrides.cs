namespace Gatewayz.Api.Resilience;

public sealed class RetryOverrides
{
    public int? MaxRetries { get; set; }
    public double? BaseDelayMilliseconds { get; set; }
    public double? MaxDelayMilliseconds { get; set; }
    public double? MaxRetryAfterSeconds { get; set; }

    public RetrySettings Over(RetrySettings defaults) => new()
    {
        MaxRetries = MaxRetries ?? defaults.MaxRetries,
        BaseDelayMilliseconds = BaseDelayMilliseconds ?? defaults.BaseDelayMilliseconds,
        MaxDelayMilliseconds = MaxDelayMilliseconds ?? defaults.MaxDelayMilliseconds,
        MaxRetryAfterSeconds = MaxRetryAfterSeconds ?? defaults.MaxRetryAfterSeconds,
    };
}
