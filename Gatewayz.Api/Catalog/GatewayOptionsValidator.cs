using Gatewayz.Api.Auth;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Catalog;

/// <summary>Stops start-up with a message naming the setting when the catalog is inconsistent.</summary>
/// <param name="configuration">Read for the raw shape of <c>Gatewayz:Models</c>, which binding loses (ids split at ':').</param>
public sealed class GatewayOptionsValidator(IConfiguration configuration) : IValidateOptions<GatewayOptions>
{
    private const string Root = GatewayOptions.SectionName;
    private const string ListForm = $"{Root}:{nameof(GatewayOptions.ModelList)}";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();

        if (options.Providers.Count == 0)
            failures.Add($"{Root}:Providers must define at least one provider.");
        if (options.Models.Count == 0 && options.ModelList.Count == 0)
            failures.Add($"{Root}:Models or {ListForm} must define at least one model.");
        if (options.MaxRequestBodyBytes < 1024)
            failures.Add($"{Root}:MaxRequestBodyBytes must be at least 1024 (is {options.MaxRequestBodyBytes}).");
        if (!double.IsFinite(options.Streaming.KeepAliveSeconds) || options.Streaming.KeepAliveSeconds < 0)
            failures.Add($"{Root}:{nameof(GatewayOptions.Streaming)}:{nameof(StreamingOptions.KeepAliveSeconds)} must be 0 (off) or a positive number of seconds (is {options.Streaming.KeepAliveSeconds}).");
        if (options.SimulationTimeScale < 0)
            failures.Add($"{Root}:SimulationTimeScale must not be negative.");

        foreach (var (providerName, provider) in options.Providers)
        {
            var path = $"{Root}:Providers:{providerName}";
            if (provider.Kind is ProviderKind.OpenAiCompatible or ProviderKind.Anthropic && provider.BaseUrl is not { IsAbsoluteUri: true })
                failures.Add($"{path}:BaseUrl must be an absolute URL for an {provider.Kind} provider.");
            if (provider.AnthropicVersion is { } version && (provider.Kind != ProviderKind.Anthropic || !IsHeaderToken(version)))
                failures.Add(provider.Kind == ProviderKind.Anthropic
                    ? $"{path}:AnthropicVersion must be a version such as 2023-06-01 (is '{version}')."
                    : $"{path}:AnthropicVersion is a setting of Anthropic providers; this provider's Kind is {provider.Kind}.");
            if (provider.TimeToFirstByteSeconds <= 0 || provider.TotalTimeoutSeconds <= 0 || provider.StreamIdleTimeoutSeconds <= 0)
                failures.Add($"{path}: timeouts must be positive.");
            if (provider.Simulation.ErrorRate is < 0 or > 1 || provider.Simulation.RateLimitRate is < 0 or > 1)
                failures.Add($"{path}:Simulation: rates must be between 0 and 1.");
            if (provider.Simulation.EmbeddingDimensions < 1)
                failures.Add($"{path}:Simulation:EmbeddingDimensions must be a positive number of dimensions (is {provider.Simulation.EmbeddingDimensions}).");
            foreach (var (model, custom) in provider.Simulation.Models.Where(entry => entry.Value.EmbeddingDimensions < 1))
                failures.Add($"{path}:Simulation:Models:{model}:EmbeddingDimensions must be a positive number of dimensions (is {custom.EmbeddingDimensions}).");
        }

        ValidateModels(options, failures);

        foreach (var (key, index) in options.ApiKeys.Select((k, i) => (k, i)))
        {
            if (string.IsNullOrWhiteSpace(key.Key) || key.Key.Length < 16)
                failures.Add($"{Root}:ApiKeys:{index}:Key must be at least 16 characters.");
            foreach (var role in key.Roles.Where(role => !ApiKeyRoles.Assignable.Contains(role)))
                failures.Add($"{Root}:ApiKeys:{index}:Roles: '{role}' is not a role (known: {string.Join(", ", ApiKeyRoles.Assignable)}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateModels(GatewayOptions options, List<string> failures)
    {
        var splits = SplitModelIds.Find(configuration.GetSection($"{Root}:{nameof(GatewayOptions.Models)}"));
        failures.AddRange(splits.Select(Describe));
        // A dictionary entry that exists only because an id was split at its colon is not a model the
        // operator wrote; its own complaints (no routes) would name the wrong id.
        var artefacts = splits.Where(split => !split.KeyHasOwnSettings)
            .Select(split => $"{Root}:{nameof(GatewayOptions.Models)}:{split.DictionaryKey}")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var definedAt = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in options.ConfiguredModels().Where(model => !artefacts.Contains(model.SettingPath)))
        {
            if (string.IsNullOrWhiteSpace(model.Id))
            {
                failures.Add($"{model.IdSetting} must not be empty: every model needs an id.");
                continue;
            }
            if (model.Id.Trim().Length != model.Id.Length)
                failures.Add($"{model.IdSetting} '{model.Id}' must not start or end with white space.");
            if (!definedAt.TryAdd(model.Id, model.IdSetting))
                failures.Add($"{model.IdSetting} '{model.Id}' is already configured at {definedAt[model.Id]}; each model id (case-insensitive) may be configured once.");

            var path = model.SettingPath;
            var of = $"(model '{model.Id}')";
            if (model.Options.Routes.Count == 0)
                failures.Add($"{path}:Routes must list at least one provider {of}.");
            for (var i = 0; i < model.Options.Routes.Count; i++)
            {
                if (!options.Providers.ContainsKey(model.Options.Routes[i].Provider))
                    failures.Add($"{path}:Routes:{i}:Provider names unknown provider '{model.Options.Routes[i].Provider}' {of}.");
            }
            var endpoints = model.Options.Endpoints ?? [];
            for (var i = 0; i < endpoints.Count; i++)
            {
                if (!ModelOperations.TryParse(endpoints[i], out _))
                    failures.Add($"{path}:Endpoints:{i} '{endpoints[i]}' is not an endpoint (known: {string.Join(", ", ModelOperations.Names)}) {of}.");
            }
            if (model.Options.Pricing is { InputPerMillion: < 0 } or { OutputPerMillion: < 0 } or { PerImage: < 0 })
                failures.Add($"{path}:Pricing must not be negative {of}.");
        }
    }

    /// <summary>A header value of letters, digits and the punctuation of version strings, nothing else.</summary>
    private static bool IsHeaderToken(string value) =>
        value.Length > 0 && value.All(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '.' or '_');

    private static string Describe(SplitModelId split) => split.RealId is { } id
        ? $"{split.SettingPath}: the model id '{id}' contains ':', which configuration reads as a path separator, so {Root}:Models "
          + $"split it into model '{split.DictionaryKey}' and an unknown setting. Configure it through the list form instead: "
          + $"{ListForm}:N:Id = {id}, with its Routes, Pricing and OwnedBy under {ListForm}:N."
        : $"{split.SettingPath} is not a model setting (expected {string.Join(", ", SplitModelIds.Settings.Order(StringComparer.Ordinal))}); "
          + $"a model id containing ':' must be configured through {ListForm}.";
}
