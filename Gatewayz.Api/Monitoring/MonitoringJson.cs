using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gatewayz.Api.Monitoring;

/// <summary>The monitoring and admin APIs answer in snake_case, the shape its clients and dashboards read.</summary>
public static class MonitoringJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new UtcTimestampConverter() },
    };
}
