namespace Gatewayz.Api.Catalog;

/// <summary>
/// One model's settings. In the dictionary form (<c>Gatewayz:Models:ID</c>) the key is the id; the
/// list form (<see cref="ListedModelOptions"/>) adds the id as a property so it may contain ':'.
/// </summary>
public class ModelOptions
{
    /// <summary>The <c>owned_by</c> field of <c>/v1/models</c>.</summary>
    public string OwnedBy { get; set; } = "gatewayz";

    /// <summary>What the model costs, per million tokens.</summary>
    public ModelPricing Pricing { get; set; } = new();

    /// <summary>Providers to try, in order: the first healthy route serves the request.</summary>
    public List<ModelRoute> Routes { get; set; } = [];
}
