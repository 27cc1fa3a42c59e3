using Gatewayz.Api.Catalog;
using Gatewayz.Api.Metrics;

namespace Gatewayz.Api.Caching;

/// <summary>The <c>model_catalog</c> cache layer: model lookups served from the in-memory catalog are hits, unknown models misses.</summary>
public sealed class CatalogLookup(ModelCatalog catalog, CacheMetrics metrics)
{
    public bool TryGetModel(string id, out CatalogModel model)
    {
        if (catalog.TryGetModel(id, out model))
        {
            metrics.Hit(CacheLayer.ModelCatalog);
            return true;
        }
        metrics.Miss(CacheLayer.ModelCatalog);
        return false;
    }
}
