using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A simulated provider asked to reason (<c>reasoning_effort</c> low to xhigh; an Anthropic client's <c>thinking</c>,
/// which reaches it translated) reasons first: <c>reasoning_content</c> before the text, streamed ahead of it,
/// counted in <c>completion_tokens</c> and in <c>completion_tokens_details.reasoning_tokens</c> — so an Anthropic
/// client gets a thinking block before the text.
/// </summary>
public sealed class SimulatedReasoningTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Model = "meta-llama/llama-3.3-70b-instruct";

    [Theory]
    [InlineData("low")]
    [InlineData("high")]
    public async Task A_whole_answer_reasons_first_and_counts_the_reasoning_as_output(string effort)
    {
        var body = await PostAsync(new { model = Model, reasoning_effort = effort, messages = Ask("Why route?") });

        var message = body.GetProperty("choices")[0].GetProperty("message");
        var reasoning = WordsOf(message.GetProperty("reasoning_content").GetString()!);
        var text = WordsOf(message.GetProperty("content").GetString()!);
        reasoning.ShouldBeGreaterThan(0);
        var usage = body.GetProperty("usage");
        usage.GetProperty("completion_tokens").GetInt32().ShouldBe(reasoning + text);
        usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32().ShouldBe(reasoning);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("none")]
    [InlineData("minimal")]
    public async Task No_effort_none_and_minimal_answer_without_reasoning(string? effort)
    {
        var body = await PostAsync(new { model = Model, reasoning_effort = effort, messages = Ask("Why route?") });

        body.GetProperty("choices")[0].GetProperty("message").TryGetProperty("reasoning_content", out _).ShouldBeFalse();
        body.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_stream_sends_the_reasoning_before_the_text_and_its_tokens_in_the_usage()
    {
        var events = await StreamAsync("/v1/chat/completions", new
        {
            model = Model, stream = true, stream_options = new { include_usage = true }, reasoning_effort = "medium", messages = Ask("Stream it"),
        });

        var reasoning = new StringBuilder();
        var text = new StringBuilder();
        foreach (var data in events[..^1])
        {
            var delta = data.GetProperty("choices")[0].GetProperty("delta");
            if (delta.TryGetProperty("reasoning_content", out var part))
            {
                text.Length.ShouldBe(0, "the reasoning comes before the answer");
                reasoning.Append(part.GetString());
            }
            if (delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String) text.Append(content.GetString());
        }
        var usage = events[^1].GetProperty("usage");
        usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32().ShouldBe(WordsOf(reasoning.ToString()));
        usage.GetProperty("completion_tokens").GetInt32().ShouldBe(WordsOf(reasoning.ToString()) + WordsOf(text.ToString()));
        WordsOf(reasoning.ToString()).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Reasoning_counts_within_max_tokens_and_can_leave_no_room_for_the_text()
    {
        var body = await PostAsync(new { model = Model, reasoning_effort = "high", max_completion_tokens = 3, messages = Ask("Think hard") });

        var choice = body.GetProperty("choices")[0];
        WordsOf(choice.GetProperty("message").GetProperty("reasoning_content").GetString()!).ShouldBe(3);
        choice.GetProperty("message").GetProperty("content").GetString().ShouldBe("");
        choice.GetProperty("finish_reason").GetString().ShouldBe("length");
        body.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_tool_call_answer_streams_its_reasoning_before_its_calls()
    {
        var events = await StreamAsync("/v1/chat/completions", new
        {
            model = Model, stream = true, reasoning_effort = "low", messages = Ask("use get_weather for Paris"),
            tools = new[] { new { type = "function", function = new { name = "get_weather", parameters = new { type = "object" } } } },
        });

        var deltas = events.Select(data => data.GetProperty("choices")[0].GetProperty("delta")).ToList();
        deltas[0].GetProperty("role").GetString().ShouldBe("assistant");
        var lastReasoning = deltas.FindLastIndex(delta => delta.TryGetProperty("reasoning_content", out _));
        var firstCall = deltas.FindIndex(delta => delta.TryGetProperty("tool_calls", out _));
        lastReasoning.ShouldBeGreaterThan(0);
        firstCall.ShouldBeGreaterThan(lastReasoning);
        events[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString().ShouldBe("tool_calls");
    }

    [Fact]
    public async Task An_anthropic_client_asking_for_thinking_gets_a_thinking_block_before_the_text()
    {
        var message = await fixture.Gateway.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 16000,
            Thinking = new ThinkingConfigEnabled { BudgetTokens = 2000 },
            Messages = [new UserMessageParam { Content = "Why route?" }],
        });

        message.Content.Count.ShouldBe(2);
        message.Content[0].TryPickThinking(out var thinking).ShouldBeTrue();
        message.Content[1].TryPickText(out var text).ShouldBeTrue();
        message.Usage.OutputTokens.ShouldBe(WordsOf(thinking!.Thinking) + WordsOf(text!.Text));
    }

    [Fact]
    public async Task An_anthropic_stream_with_thinking_opens_a_thinking_block_of_thinking_deltas_first()
    {
        var events = await StreamAsync("/v1/messages", new
        {
            model = Model, max_tokens = 16000, stream = true, thinking = new { type = "enabled", budget_tokens = 2000 }, messages = Ask("Why route?"),
        }, done: false);

        var starts = events.Where(data => data.GetProperty("type").GetString() == "content_block_start").ToList();
        starts.Select(data => data.GetProperty("content_block").GetProperty("type").GetString()).ShouldBe(["thinking", "text"]);
        var deltas = events.Where(data => data.GetProperty("type").GetString() == "content_block_delta").ToList();
        deltas.Select(data => data.GetProperty("delta").GetProperty("type").GetString()).Distinct().ShouldBe(["thinking_delta", "text_delta"]);
        deltas.First().GetProperty("index").GetInt32().ShouldBe(0);
    }

    private static object[] Ask(string content) => [new { role = "user", content }];

    private static int WordsOf(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private async Task<JsonElement> PostAsync(object body)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync("/v1/chat/completions", body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The JSON events of a stream (an OpenAI stream's ends with <c>[DONE]</c>, an Anthropic one's does not).</summary>
    private async Task<List<JsonElement>> StreamAsync(string path, object body, bool done = true)
    {
        using var client = fixture.Gateway.CreateHttpClient();
        var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        var sse = await response.Content.ReadAsStringAsync();
        return done ? ServerSentEvents.DataOf(sse) : [.. SseText.JsonEvents(sse).Select(data => JsonElement.Parse(data))];
    }
}
