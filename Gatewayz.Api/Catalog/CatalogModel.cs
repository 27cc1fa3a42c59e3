namespace Gatewayz.Api.Catalog;

public sealed record CatalogModel(string Id, string OwnedBy, ModelPricing Pricing, IReadOnlyList<ResolvedRoute> Routes);
