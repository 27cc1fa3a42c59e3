using System.Collections.Concurrent;

namespace Gatewayz.Api.Health;

/// <summary>What the active probes found: providers that answered, and models missing from their lists.</summary>
public sealed class ProbeResults
{
    private readonly ConcurrentDictionary<string, bool> _providerUp = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _modelListed = new(StringComparer.Ordinal);

    /// <summary>1 when the provider's last probe succeeded; a provider not probed yet counts as available.</summary>
    public double AvailabilityOf(string provider) => _providerUp.GetValueOrDefault(provider, true) ? 1 : 0;

    public bool IsListed(string routeKey) => _modelListed.GetValueOrDefault(routeKey, true);

    public void ProviderProbed(string provider, bool up) => _providerUp[provider] = up;

    public void ModelChecked(string routeKey, bool listed) => _modelListed[routeKey] = listed;
}
