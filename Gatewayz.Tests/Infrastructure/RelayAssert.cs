using System.Text;
using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// What a lossless relay promises: the client gets the upstream's JSON, semantically equal field by
/// field, except the two fields the gateway owns: <c>id</c> (its own, <c>chatcmpl-…</c>, one per answer)
/// and <c>model</c> (the model id the client asked for).
/// </summary>
public static class RelayAssert
{
    private static readonly string[] Owned = ["id", "model"];

    public static void CompletionRelayed(string upstreamBody, string clientBody, string model = RelayGateway.Model)
    {
        using var upstream = JsonDocument.Parse(upstreamBody);
        using var client = JsonDocument.Parse(clientBody);
        OwnedByGateway(client.RootElement, model, "the completion");
        client.RootElement.GetProperty("id").GetString().ShouldNotBe(IdOf(upstream.RootElement), "the id is the gateway's own, not the upstream's");
        Report(JsonDiff.Differences(upstream.RootElement, client.RootElement, Owned), "the completion", clientBody);
    }

    public static void StreamRelayed(IReadOnlyList<string> upstreamEvents, string clientBody, string model = RelayGateway.Model) =>
        EventsRelayed(upstreamEvents, ClientEvents(clientBody, model));

    /// <summary>
    /// The JSON events of the gateway's stream, once it is known to end with <c>[DONE]</c> and every event
    /// to carry one gateway id and the client's model.
    /// </summary>
    public static IReadOnlyList<string> ClientEvents(string clientBody, string model = RelayGateway.Model)
    {
        var data = SseText.Data(clientBody);
        data.ShouldNotBeEmpty("the client received no event");
        data[^1].ShouldBe(SseText.Done, $"the client's stream must end with data: [DONE]; it was:\n{clientBody}");
        var events = data.Take(data.Count - 1).ToList();
        var ids = new HashSet<string?>();
        for (var i = 0; i < events.Count; i++)
        {
            using var document = JsonDocument.Parse(events[i]);
            OwnedByGateway(document.RootElement, model, $"event {i}");
            ids.Add(IdOf(document.RootElement));
        }
        ids.Count.ShouldBeLessThanOrEqualTo(1, "every chunk of one answer carries the same id");
        return events;
    }

    /// <summary>The client's events are the upstream's, one for one and in order, except id and model.</summary>
    public static void EventsRelayed(IReadOnlyList<string> upstreamEvents, IReadOnlyList<string> clientEvents)
    {
        var differences = new List<string>();
        if (clientEvents.Count != upstreamEvents.Count)
            differences.Add($"expected {upstreamEvents.Count} events but the client received {clientEvents.Count}");
        for (var i = 0; i < Math.Min(upstreamEvents.Count, clientEvents.Count); i++)
        {
            using var upstream = JsonDocument.Parse(upstreamEvents[i]);
            using var client = JsonDocument.Parse(clientEvents[i]);
            if (IdOf(client.RootElement) is { } id && id == IdOf(upstream.RootElement))
                differences.Add($"event {i}: $.id is the upstream's ({id}), not the gateway's own");
            differences.AddRange(JsonDiff.Differences(upstream.RootElement, client.RootElement, Owned).Select(difference => $"event {i}: {difference}"));
        }
        if (differences.Count > 0)
            differences.Add($"(the text of the deltas, choice by choice: upstream {DeltaText(upstreamEvents)}, client {DeltaText(clientEvents)})");
        Report(differences, "the stream", string.Join("\n", clientEvents));
    }

    /// <summary>Each choice's <c>delta.content</c> joined, to tell lost or mangled text from reshaped events.</summary>
    private static string DeltaText(IEnumerable<string> events)
    {
        var text = new SortedDictionary<int, StringBuilder>();
        foreach (var jsonEvent in events)
        {
            using var document = JsonDocument.Parse(jsonEvent);
            if (!document.RootElement.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var choice in choices.EnumerateArray())
            {
                var index = choice.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : 0;
                if (choice.TryGetProperty("delta", out var delta) && delta.ValueKind == JsonValueKind.Object
                    && delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
                    (text.TryGetValue(index, out var builder) ? builder : text[index] = new StringBuilder()).Append(content.GetString());
            }
        }
        return text.Count == 0 ? "(no text)" : string.Join(", ", text.Select(choice => $"[{choice.Key}] \"{choice.Value}\""));
    }

    private static void OwnedByGateway(JsonElement answer, string model, string what)
    {
        IdOf(answer).ShouldNotBeNull($"{what} has no string id");
        IdOf(answer)!.ShouldStartWith("chatcmpl-", customMessage: $"{what}'s id is the gateway's");
        answer.GetProperty("model").GetString().ShouldBe(model, $"{what}'s model is the one the client asked for");
    }

    private static string? IdOf(JsonElement answer) =>
        answer.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static void Report(IReadOnlyList<string> differences, string what, string clientText)
    {
        if (differences.Count > 0)
            throw new ShouldAssertException($"{what} differs from the upstream's in {differences.Count} place(s):\n  "
                + string.Join("\n  ", differences.Take(40)) + $"\nthe client received:\n{clientText}");
    }
}
