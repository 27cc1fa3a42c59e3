using System.Collections.Frozen;

namespace Gatewayz.Api.Providers;

public sealed class ProviderRegistry(IEnumerable<IChatProvider> providers)
{
    private readonly FrozenDictionary<string, IChatProvider> _byName =
        providers.ToFrozenDictionary(provider => provider.Name, StringComparer.OrdinalIgnoreCase);

    public IChatProvider Get(string name) => _byName[name];

    public IEnumerable<IChatProvider> All => _byName.Values;
}
