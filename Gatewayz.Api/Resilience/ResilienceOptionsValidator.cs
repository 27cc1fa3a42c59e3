using Gatewayz.Api.Catalog;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Resilience;

/// <summary>Stops start-up with a message naming the setting; the bounds are the ones Polly itself enforces.</summary>
public sealed class ResilienceOptionsValidator(IOptions<GatewayOptions> gateway) : IValidateOptions<ResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, ResilienceOptions options)
    {
        var failures = new List<string>();
        const string root = ResilienceOptions.SectionName;
        if (options.MaxAttemptsPerRequest is < 1 or > 20)
            failures.Add($"{root}:MaxAttemptsPerRequest must be between 1 and 20 (is {options.MaxAttemptsPerRequest}).");
        CheckBreaker($"{root}:CircuitBreaker", options.CircuitBreaker, failures);
        CheckRetry($"{root}:Retry", options.Retry, failures);

        foreach (var (provider, overrides) in options.Providers)
        {
            var path = $"{root}:Providers:{provider}";
            if (!gateway.Value.Providers.ContainsKey(provider))
                failures.Add($"{path} names unknown provider '{provider}'.");
            if (overrides.CircuitBreaker is { } breaker)
                CheckBreaker($"{path}:CircuitBreaker", breaker.Over(options.CircuitBreaker), failures);
            if (overrides.Retry is { } retry)
                CheckRetry($"{path}:Retry", retry.Over(options.Retry), failures);
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckBreaker(string path, CircuitBreakerSettings breaker, List<string> failures)
    {
        if (breaker.FailureRatio is <= 0 or > 1)
            failures.Add($"{path}:FailureRatio must be greater than 0 and at most 1 (is {breaker.FailureRatio}).");
        if (breaker.MinimumThroughput < 2)
            failures.Add($"{path}:MinimumThroughput must be at least 2 (is {breaker.MinimumThroughput}).");
        if (breaker.SamplingDurationSeconds < 0.5)
            failures.Add($"{path}:SamplingDurationSeconds must be at least 0.5 (is {breaker.SamplingDurationSeconds}).");
        if (breaker.BreakDurationSeconds < 0.5)
            failures.Add($"{path}:BreakDurationSeconds must be at least 0.5 (is {breaker.BreakDurationSeconds}).");
    }

    private static void CheckRetry(string path, RetrySettings retry, List<string> failures)
    {
        if (retry.MaxRetries is < 0 or > 10)
            failures.Add($"{path}:MaxRetries must be between 0 and 10 (is {retry.MaxRetries}).");
        if (retry.BaseDelayMilliseconds < 0)
            failures.Add($"{path}:BaseDelayMilliseconds must not be negative.");
        if (retry.MaxDelayMilliseconds < retry.BaseDelayMilliseconds)
            failures.Add($"{path}:MaxDelayMilliseconds must be at least BaseDelayMilliseconds.");
        if (retry.MaxRetryAfterSeconds < 0)
            failures.Add($"{path}:MaxRetryAfterSeconds must not be negative.");
    }
}
