using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Catalog;

/// <summary>The <c>Gatewayz</c> configuration section: providers, models, keys and request limits.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gatewayz";

    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>API keys accepted when no account database is configured.</summary>
    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];

    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Fixes the simulators' random choices so identical requests behave identically.</summary>
    public int? SimulationSeed { get; set; }

    /// <summary>Multiplies every simulated delay; 0 makes the simulators answer at once (tests), 1 is realistic.</summary>
    public double SimulationTimeScale { get; set; } = 1;
}
