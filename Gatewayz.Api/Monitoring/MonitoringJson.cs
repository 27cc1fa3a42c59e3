using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatewayz.Api.Monitoring;

/// <summary>The monitoring and admin APIs answer in snake_case, as seed 003's examples show.</summary>
public static class MonitoringJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new UtcTimestampConverter() },
    };
}
