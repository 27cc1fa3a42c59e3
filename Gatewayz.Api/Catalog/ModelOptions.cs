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

    /// <summary>
    /// The APIs the model serves, by <see cref="ModelOperations.NameOf"/> name: <c>chat</c> (both
    /// <c>/v1/chat/completions</c> and <c>/v1/messages</c>), <c>embeddings</c>, <c>completions</c>, <c>images</c>,
    /// <c>responses</c>. Unset means <c>chat</c> alone. A request to an endpoint the model does not serve is a 400
    /// naming the model and what it serves, before any upstream is asked. Null rather than a default list: the
    /// configuration binder appends to a list it finds, so <c>["embeddings"]</c> would become chat and embeddings.
    /// </summary>
    public List<string>? Endpoints { get; set; }

    /// <summary>Providers to try, in order: the first healthy route serves the request.</summary>
    public List<ModelRoute> Routes { get; set; } = [];
}
