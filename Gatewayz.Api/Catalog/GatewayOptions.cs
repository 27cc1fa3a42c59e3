using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Catalog;

/// <summary>The <c>Gatewayz</c> configuration section: providers, models, keys and request limits.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gatewayz";

    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Models keyed by id (<c>Gatewayz:Models:ID</c>); an id containing ':' needs <see cref="ModelList"/>.</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Models with their id as a property (<c>Gatewayz:ModelList:N:Id</c>), so any id can be configured.</summary>
    public List<ListedModelOptions> ModelList { get; set; } = [];

    /// <summary>API keys accepted when no account database is configured.</summary>
    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>How the gateway's own streamed responses behave (keep-alive comments).</summary>
    public StreamingOptions Streaming { get; set; } = new();

    /// <summary>Fixes the simulators' random choices so identical requests behave identically.</summary>
    public int? SimulationSeed { get; set; }

    /// <summary>Multiplies every simulated delay; 0 makes the simulators answer at once (tests), 1 is realistic.</summary>
    public double SimulationTimeScale { get; set; } = 1;

    /// <summary>Both model forms in one sequence: the dictionary first, then the list in order.</summary>
    public IEnumerable<ConfiguredModel> ConfiguredModels()
    {
        foreach (var (id, model) in Models)
        {
            var path = $"{SectionName}:{nameof(Models)}:{id}";
            yield return new ConfiguredModel(id, path, path, model);
        }
        for (var i = 0; i < ModelList.Count; i++)
        {
            var path = $"{SectionName}:{nameof(ModelList)}:{i}";
            yield return new ConfiguredModel(ModelList[i].Id, path, $"{path}:{nameof(ListedModelOptions.Id)}", ModelList[i]);
        }
    }
}
