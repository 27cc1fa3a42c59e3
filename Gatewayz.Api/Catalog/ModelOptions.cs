namespace Gatewayz.Api.Catalog;

public sealed class ModelOptions
{
    public string OwnedBy { get; set; } = "gatewayz";

    public ModelPricing Pricing { get; set; } = new();

    /// <summary>Providers to try, in order: the first healthy route serves the request.</summary>
    public List<ModelRoute> Routes { get; set; } = [];
}
