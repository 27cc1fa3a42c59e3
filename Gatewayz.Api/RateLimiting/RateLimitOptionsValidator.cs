using Microsoft.Extensions.Options;

namespace Gatewayz.Api.RateLimiting;

/// <summary>Stops start-up with a message naming the setting when a limit makes no sense.</summary>
public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        Require(options.KeyRequestsPerMinute, nameof(options.KeyRequestsPerMinute));
        Require(options.KeyTokensPerMinute, nameof(options.KeyTokensPerMinute));
        Require(options.UserRequestsPerMinute, nameof(options.UserRequestsPerMinute));
        Require(options.UserTokensPerMinute, nameof(options.UserTokensPerMinute));
        Require(options.FailedAuthPerMinute, nameof(options.FailedAuthPerMinute));
        if (options.LocalHeadroom is < 0 or > 1)
            failures.Add($"{RateLimitOptions.SectionName}:LocalHeadroom must be between 0 and 1 (is {options.LocalHeadroom}).");
        if (options.LocalHeadroomMinimum < 0)
            failures.Add($"{RateLimitOptions.SectionName}:LocalHeadroomMinimum must be 0 or more (is {options.LocalHeadroomMinimum}).");
        if (options.PolicyCacheSeconds is < 0 or > 3600)
            failures.Add($"{RateLimitOptions.SectionName}:PolicyCacheSeconds must be between 0 and 3600 (is {options.PolicyCacheSeconds}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Require(long value, string setting)
        {
            if (value < 1) failures.Add($"{RateLimitOptions.SectionName}:{setting} must be at least 1 (is {value}).");
        }
    }
}
