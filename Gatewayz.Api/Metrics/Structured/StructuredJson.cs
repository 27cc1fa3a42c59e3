using System.Text.Json;

namespace Gatewayz.Api.Metrics.Structured;

internal static class StructuredJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };
}
