namespace Gatewayz.Api.Catalog;

/// <summary>A model of the catalog, as configured and validated.</summary>
/// <param name="Id">The public id clients send as <c>model</c>.</param>
/// <param name="OwnedBy">The <c>owned_by</c> field of <c>/v1/models</c>.</param>
/// <param name="Pricing">What it costs per million tokens.</param>
/// <param name="Routes">The providers that serve it, in order.</param>
/// <param name="Operations">The APIs it serves (<see cref="ModelOptions.Endpoints"/>).</param>
public sealed record CatalogModel(string Id, string OwnedBy, ModelPricing Pricing, IReadOnlyList<ResolvedRoute> Routes, IReadOnlySet<ModelOperation> Operations)
{
    /// <summary>Whether the model serves <paramref name="operation"/>.</summary>
    public bool Serves(ModelOperation operation) => Operations.Contains(operation);
}
