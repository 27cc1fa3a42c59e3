using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Recorded upstream answers (<c>Wire/Fixtures</c>) and the variations tests make of them.</summary>
public static class WireFixtures
{
    /// <summary>An OpenAI-format answer: a completion (<c>.json</c>) or a stream (<c>.sse</c>).</summary>
    public static string OpenAi(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", "openai", name));

    /// <summary>An Anthropic-format answer: a message (<c>.json</c>) or a stream (<c>.sse</c>).</summary>
    public static string Anthropic(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", "anthropic", name));

    /// <summary>Whether a stream event is the usage-only chunk of <c>stream_options.include_usage</c> (no choices, a usage).</summary>
    public static bool IsUsageOnly(string jsonEvent)
    {
        using var document = JsonDocument.Parse(jsonEvent);
        var root = document.RootElement;
        return root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() == 0
            && root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object;
    }

    /// <summary>The stream without its usage-only chunk, as an upstream that reports no usage sends it.</summary>
    public static string WithoutUsageChunk(string sse) => SseText.Stream(SseText.JsonEvents(sse).Where(data => !IsUsageOnly(data)));

    /// <summary>The completion without its <c>usage</c>.</summary>
    public static string WithoutUsage(string completion)
    {
        var root = JsonNode.Parse(completion)!.AsObject();
        root.Remove("usage");
        return root.ToJsonString();
    }
}
