using System.Collections.Frozen;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Catalog;

/// <summary>
/// The validated, read-only view of the configured models and providers. Its names are also the
/// only values that may become metric labels (bounded cardinality: nothing a client sends creates a series).
/// </summary>
public sealed class ModelCatalog
{
    private readonly FrozenDictionary<string, CatalogModel> _models;

    public ModelCatalog(IOptions<GatewayOptions> options)
    {
        var value = options.Value;
        ProviderNames = value.Providers.Keys.Order(StringComparer.Ordinal).ToFrozenSet(StringComparer.Ordinal);
        _models = value.ConfiguredModels()
            .Select(model => new CatalogModel(
                model.Id,
                model.Options.OwnedBy,
                model.Options.Pricing,
                [.. model.Options.Routes.Select(route => new ResolvedRoute(
                    CanonicalProviderName(value, route.Provider),
                    route.UpstreamModel ?? model.Id))],
                ModelOperations.Of(model.Options.Endpoints)))
            .ToFrozenDictionary(model => model.Id, StringComparer.OrdinalIgnoreCase);
        Models = [.. _models.Values.OrderBy(model => model.Id, StringComparer.Ordinal)];
    }

    public IReadOnlySet<string> ProviderNames { get; }

    public IReadOnlyList<CatalogModel> Models { get; }

    public bool TryGetModel(string id, out CatalogModel model) => _models.TryGetValue(id, out model!);

    private static string CanonicalProviderName(GatewayOptions options, string name) =>
        options.Providers.Keys.First(key => string.Equals(key, name, StringComparison.OrdinalIgnoreCase));
}
