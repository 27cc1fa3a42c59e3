using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Catalog;

/// <summary>Stops start-up with a message naming the setting when the catalog is inconsistent.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        const string root = GatewayOptions.SectionName;

        if (options.Providers.Count == 0)
            failures.Add($"{root}:Providers must define at least one provider.");
        if (options.Models.Count == 0)
            failures.Add($"{root}:Models must define at least one model.");
        if (options.MaxRequestBodyBytes < 1024)
            failures.Add($"{root}:MaxRequestBodyBytes must be at least 1024 (is {options.MaxRequestBodyBytes}).");
        if (options.SimulationTimeScale < 0)
            failures.Add($"{root}:SimulationTimeScale must not be negative.");

        foreach (var (providerName, provider) in options.Providers)
        {
            var path = $"{root}:Providers:{providerName}";
            if (provider.Kind == ProviderKind.OpenAiCompatible && provider.BaseUrl is not { IsAbsoluteUri: true })
                failures.Add($"{path}:BaseUrl must be an absolute URL for an OpenAiCompatible provider.");
            if (provider.TimeToFirstByteSeconds <= 0 || provider.TotalTimeoutSeconds <= 0 || provider.StreamIdleTimeoutSeconds <= 0)
                failures.Add($"{path}: timeouts must be positive.");
            if (provider.Simulation.ErrorRate is < 0 or > 1 || provider.Simulation.RateLimitRate is < 0 or > 1)
                failures.Add($"{path}:Simulation: rates must be between 0 and 1.");
        }

        foreach (var (modelName, model) in options.Models)
        {
            var path = $"{root}:Models:{modelName}";
            if (model.Routes.Count == 0)
                failures.Add($"{path}:Routes must list at least one provider.");
            for (var i = 0; i < model.Routes.Count; i++)
            {
                if (!options.Providers.ContainsKey(model.Routes[i].Provider))
                    failures.Add($"{path}:Routes:{i}:Provider names unknown provider '{model.Routes[i].Provider}'.");
            }
            if (model.Pricing.InputPerMillion < 0 || model.Pricing.OutputPerMillion < 0)
                failures.Add($"{path}:Pricing must not be negative.");
        }

        foreach (var (key, index) in options.ApiKeys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < 16)
                failures.Add($"{root}:ApiKeys:{index}:Key must be at least 16 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
