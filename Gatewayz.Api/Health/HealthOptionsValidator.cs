using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Health;

public sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        var failures = new List<string>();
        const string root = HealthOptions.SectionName;
        if (options.ProbeIntervalSeconds < 0.1)
            failures.Add($"{root}:ProbeIntervalSeconds must be at least 0.1 (is {options.ProbeIntervalSeconds}).");
        if (options.ModelCheckIntervalSeconds < options.ProbeIntervalSeconds)
            failures.Add($"{root}:ModelCheckIntervalSeconds must be at least ProbeIntervalSeconds.");
        if (options.WindowSeconds < 1)
            failures.Add($"{root}:WindowSeconds must be at least 1 (is {options.WindowSeconds}).");
        if (options.TargetLatencySeconds <= 0)
            failures.Add($"{root}:TargetLatencySeconds must be positive.");
        if (options.MaxLatencySeconds <= options.TargetLatencySeconds)
            failures.Add($"{root}:MaxLatencySeconds must be greater than TargetLatencySeconds.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
