using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Gatewayz.Tests.Aggregation;

/// <summary>What <c>POST /aggregation/run</c> answered, read as JSON the way an operator's tool or a test sees it.</summary>
public sealed record RunAnswer(HttpStatusCode Status, JsonElement Body)
{
    public static async Task<RunAnswer> PostAsync(HttpClient client, string query = "")
    {
        using var response = await client.PostAsync("/aggregation/run" + query, content: null);
        var text = await response.Content.ReadAsStringAsync();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json", $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        return new RunAnswer(response.StatusCode, document.RootElement.Clone());
    }

    public IReadOnlyList<string> Hours(string property) => [.. Body.GetProperty(property).EnumerateArray().Select(hour => hour.GetString()!)];

    public string Text(string property) => Body.GetProperty(property).GetString()!;

    /// <summary>An hour as the endpoint writes it: ISO 8601 UTC with a <c>Z</c>.</summary>
    public static string Iso(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
