using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A simulated provider says which stop sequence cut its text the way vLLM does (<c>stop_reason</c> on the choice,
/// beside <c>finish_reason: "stop"</c>), so an Anthropic client gets <c>stop_reason: "stop_sequence"</c> and the
/// matched <c>stop_sequence</c>, streamed and not, as it would from Anthropic.
/// </summary>
public sealed class SimulatedStopSequenceTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string ModelId = "anthropic/claude-3-5-sonnet";
    private const string Question = "Explain routing in detail";

    [Fact]
    public async Task Anthropic_sdk_gets_the_matched_stop_sequence_as_the_stop_reason()
    {
        var client = fixture.Gateway.CreateAnthropicClient();
        var full = await client.Messages.Create(Ask());
        var stop = StopWordOf(Text(full));

        var cut = await client.Messages.Create(Ask(stop, "no such words"));

        Text(cut).ShouldBe(Text(full)[..Text(full).IndexOf(stop, StringComparison.Ordinal)]);
        cut.StopReason!.Value().ShouldBe(StopReason.StopSequence);
        cut.StopSequence.ShouldBe(stop);
        full.StopReason!.Value().ShouldBeOneOf(StopReason.EndTurn, StopReason.MaxTokens);
        full.StopSequence.ShouldBeNull();
    }

    [Fact]
    public async Task Anthropic_sdk_stream_gets_the_matched_stop_sequence_in_the_message_delta()
    {
        var client = fixture.Gateway.CreateAnthropicClient();
        var stop = StopWordOf(Text(await client.Messages.Create(Ask())));

        var text = new StringBuilder();
        Delta? delta = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Ask(stop, "no such words")))
        {
            if (streamEvent.TryPickContentBlockDelta(out var block) && block.Delta.TryPickText(out var textDelta))
                text.Append(textDelta.Text);
            if (streamEvent.TryPickDelta(out var messageDelta))
                delta = messageDelta.Delta;
        }

        text.ToString().ShouldNotContain(stop);
        delta.ShouldNotBeNull();
        delta.StopReason!.Value().ShouldBe(StopReason.StopSequence);
        delta.StopSequence.ShouldBe(stop);
    }

    [Fact]
    public async Task Chat_completion_choice_names_the_stop_that_cut_it_and_none_otherwise()
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var full = await PostAsync(client, new { model = ModelId, max_tokens = 200, messages = Messages() });
        var stop = StopWordOf(full.GetProperty("message").GetProperty("content").GetString()!);

        var cut = await PostAsync(client, new { model = ModelId, max_tokens = 200, stop = new[] { "no such words", stop }, messages = Messages() });
        var streamed = await client.PostAsJsonAsync("/v1/chat/completions", new { model = ModelId, max_tokens = 200, stream = true, stop = new[] { stop }, messages = Messages() });
        streamed.EnsureSuccessStatusCode();
        var events = ServerSentEvents.DataOf(await streamed.Content.ReadAsStringAsync());

        cut.GetProperty("finish_reason").GetString().ShouldBe("stop");
        cut.GetProperty("stop_reason").GetString().ShouldBe(stop);
        full.TryGetProperty("stop_reason", out _).ShouldBeFalse("no stop sequence cut the text");
        var finishing = events.Where(data => data.GetProperty("choices").GetArrayLength() > 0).Select(data => data.GetProperty("choices")[0])
            .Where(choice => choice.GetProperty("finish_reason").ValueKind == JsonValueKind.String).ShouldHaveSingleItem();
        finishing.GetProperty("finish_reason").GetString().ShouldBe("stop");
        finishing.GetProperty("stop_reason").GetString().ShouldBe(stop);
    }

    /// <summary>A word well inside <paramref name="text"/> (the simulator's words are separated by single spaces).</summary>
    private static string StopWordOf(string text)
    {
        var words = text.Split(' ');
        words.Length.ShouldBeGreaterThan(8);
        return words[5];
    }

    private static MessageCreateParams Ask(params string[] stopSequences) => new()
    {
        Model = ModelId,
        MaxTokens = 200,
        Messages = [new UserMessageParam { Content = Question }],
        StopSequences = stopSequences.Length > 0 ? stopSequences : null,
    };

    private static string Text(Message message) => string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : ""));

    private static object[] Messages() => [new { role = "user", content = Question }];

    /// <summary>The non-streamed answer's choice 0.</summary>
    private static async Task<JsonElement> PostAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("choices")[0];
    }
}
