using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>The <c>data:</c> payloads of an OpenAI-style event stream, read from the whole response body.</summary>
public static class ServerSentEvents
{
    /// <summary>Every JSON payload in order; the stream must end with <c>data: [DONE]</c>.</summary>
    public static List<JsonElement> DataOf(string body)
    {
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        events[^1].ShouldBe("data: [DONE]");
        return [.. events[..^1]
            .Where(block => block.StartsWith("data: ", StringComparison.Ordinal))
            .Select(block => JsonDocument.Parse(block["data: ".Length..]).RootElement)];
    }
}
