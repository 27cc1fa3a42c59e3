namespace Gatewayz.Api.Catalog;

/// <summary>
/// An entry of <c>Gatewayz:ModelList</c>: the id is a value, not a configuration key, so it may hold
/// the ':' that configuration paths use as their separator (<c>meta-llama/llama-3.1-8b-instruct:free</c>, <c>llama3:8b</c>).
/// </summary>
public sealed class ListedModelOptions : ModelOptions
{
    /// <summary>The public model id clients send.</summary>
    public string Id { get; set; } = "";
}
