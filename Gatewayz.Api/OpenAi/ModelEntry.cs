using System.Text.Json.Serialization;

namespace Gatewayz.Api.OpenAi;

public sealed record ModelEntry(
    string Id,
    [property: JsonPropertyName("owned_by")] string OwnedBy)
{
    [JsonPropertyName("object")]
    public string Object => "model";

    /// <summary>Models are configuration, not releases; OpenAI's field is kept for compatibility.</summary>
    public long Created => 0;
}
