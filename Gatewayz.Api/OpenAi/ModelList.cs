using System.Text.Json.Serialization;

namespace Gatewayz.Api.OpenAi;

/// <summary>The body of <c>GET /v1/models</c>.</summary>
public sealed record ModelList(IReadOnlyList<ModelEntry> Data)
{
    [JsonPropertyName("object")]
    public string Object => "list";
}
