using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// The relay assertions accept a perfect relay of every recorded answer and name what an imperfect one
/// changed, so a failing relay test points at the gateway, never at its instruments.
/// </summary>
public sealed class RelayAssertTests
{
    public static TheoryData<string> Fixtures => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Wire", "Fixtures", "openai")).Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Perfect_relay_of_a_recorded_answer_passes(string fixture)
    {
        var upstream = WireFixtures.OpenAi(fixture);

        if (fixture.EndsWith(".sse", StringComparison.Ordinal))
            RelayAssert.StreamRelayed(SseText.JsonEvents(upstream), SseText.Stream(SseText.JsonEvents(upstream).Select(Relayed)));
        else
            RelayAssert.CompletionRelayed(upstream, Relayed(upstream));
    }

    [Fact]
    public void Relay_that_changes_a_value_or_drops_a_field_fails_naming_each_path()
    {
        var upstream = WireFixtures.OpenAi("two-choices-logprobs.json");
        var changed = JsonNode.Parse(Relayed(upstream))!;
        changed["choices"]![0]!["logprobs"]!["content"]![1]!["logprob"] = -1.98167e-05;
        changed["choices"]![1]!.AsObject().Remove("finish_reason");
        changed["created"] = 1742375231.0;

        var failure = Should.Throw<ShouldAssertException>(() => RelayAssert.CompletionRelayed(upstream, changed.ToJsonString()));

        failure.Message.ShouldContain("2 place(s)");
        failure.Message.ShouldContain("$.choices[0].logprobs.content[1].logprob: expected -1.9816675e-05 but was -1.98167E-05");
        failure.Message.ShouldContain("$.choices[1].finish_reason: missing");
    }

    [Fact]
    public void Stream_relay_that_merges_two_events_fails()
    {
        var upstream = SseText.JsonEvents(WireFixtures.OpenAi("text.sse"));

        Should.Throw<ShouldAssertException>(() => RelayAssert.StreamRelayed(upstream, SseText.Stream(upstream.Skip(1).Select(Relayed))))
            .Message.ShouldContain($"expected {upstream.Count} events but the client received {upstream.Count - 1}");
    }

    /// <summary>The answer as a lossless gateway relays it: the gateway's id and the client's model, nothing else changed.</summary>
    private static string Relayed(string answer)
    {
        var json = JsonNode.Parse(answer)!;
        json["id"] = "chatcmpl-gateway-0001";
        json["model"] = RelayGateway.Model;
        return json.ToJsonString();
    }
}
