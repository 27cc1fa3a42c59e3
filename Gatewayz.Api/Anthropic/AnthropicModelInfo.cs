using System.Text.Json.Serialization;

namespace Gatewayz.Api.Anthropic;

/// <summary>A model as Anthropic's Models API describes it (<c>GET /v1/models/{id}</c>, and each entry of the list).</summary>
public sealed record AnthropicModelInfo(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("display_name")] string DisplayName)
{
    /// <summary>Models are configuration, not releases: Anthropic's API gives the epoch when a release date is unknown.</summary>
    private static readonly DateTimeOffset Unknown = DateTimeOffset.UnixEpoch;

    [JsonPropertyName("type")]
    public string Type => "model";

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt => Unknown;
}
