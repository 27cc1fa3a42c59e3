using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// OpenAI-compatible upstreams that bend the format, seen through <c>/v1/messages</c>: calls that all say index 0
/// (Gemini), arguments that are not a JSON object, whitespace before tool calls (vLLM), a tool call finished with
/// <c>stop</c>. The Anthropic client gets blocks it can send back, or an error — never a merged or broken call.
/// </summary>
public sealed class AnthropicTranslationEdgeTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Two_calls_both_at_index_0_with_their_own_ids_become_two_tool_use_blocks()
    {
        _relay.Upstream.Behavior = Stream(
            Chunk("""{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_b","type":"function","function":{"name":"time","arguments":"{\"tz\":\"CET\"}"}}]}"""),
            Chunk("{}", finish: "tool_calls"));

        var events = await StreamEventsAsync();

        var starts = events.Where(e => e.GetProperty("type").GetString() == "content_block_start").Select(e => e.GetProperty("content_block")).ToList();
        starts.Select(block => block.GetProperty("id").GetString()).ShouldBe(["call_a", "call_b"]);
        ArgumentsOf(events, 0).ShouldBe("""{"city":"Paris"}""");
        ArgumentsOf(events, 1).ShouldBe("""{"tz":"CET"}""");
    }

    [Fact]
    public async Task Calls_without_an_index_are_told_apart_by_their_ids()
    {
        _relay.Upstream.Behavior = Stream(
            Chunk("""{"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"weather","arguments":"{\"city\":"}}]}"""),
            Chunk("""{"tool_calls":[{"function":{"arguments":"\"Paris\"}"}}]}"""),
            Chunk("""{"tool_calls":[{"id":"call_b","type":"function","function":{"name":"time","arguments":"{}"}}]}"""),
            Chunk("{}", finish: "tool_calls"));

        var events = await StreamEventsAsync();

        ArgumentsOf(events, 0).ShouldBe("""{"city":"Paris"}""");
        ArgumentsOf(events, 1).ShouldBe("{}");
    }

    [Theory]
    [InlineData("{\\\"city\\\": Par")]
    [InlineData("[1,2]")]
    public async Task Streamed_arguments_that_are_not_a_json_object_end_in_an_error_event(string arguments)
    {
        _relay.Upstream.Behavior = Stream(
            Chunk($$$"""{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":"{{{arguments}}}"}}]}"""),
            Chunk("{}", finish: "tool_calls"));

        var events = await StreamEventsAsync();

        var types = events.Select(e => e.GetProperty("type").GetString()).ToList();
        types.ShouldContain("error");
        types.ShouldNotContain("message_delta");
        types.ShouldNotContain("message_stop");
    }

    [Fact]
    public async Task Whitespace_before_tool_calls_opens_no_text_block_and_stop_with_a_call_is_tool_use()
    {
        _relay.Upstream.Behavior = Stream(
            Chunk("""{"role":"assistant","content":"\n\n"}"""),
            Chunk("""{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"weather","arguments":"{}"}}]}"""),
            Chunk("{}", finish: "stop"));

        var events = await StreamEventsAsync();

        events.Where(e => e.GetProperty("type").GetString() == "content_block_start")
            .Select(e => e.GetProperty("content_block").GetProperty("type").GetString()).ShouldBe(["tool_use"]);
        events.Single(e => e.GetProperty("type").GetString() == "message_delta").GetProperty("delta").GetProperty("stop_reason").GetString().ShouldBe("tool_use");
    }

    [Fact]
    public async Task Whitespace_then_text_keeps_the_whitespace_in_the_text_block()
    {
        _relay.Upstream.Behavior = Stream(Chunk("""{"role":"assistant","content":"\n"}"""), Chunk("""{"content":"Hi"}"""), Chunk("{}", finish: "stop"));

        var events = await StreamEventsAsync();

        events.Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .Select(e => e.GetProperty("delta").GetProperty("text").GetString()).ShouldBe(["\nHi"]);
    }

    [Fact]
    public async Task A_non_streamed_answer_leaves_out_whitespace_text_and_stops_with_tool_use()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawBody = """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"\n\n","tool_calls":[{"id":"call_a","type":"function","function":{"name":"weather","arguments":"{}"}}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}""",
        };
        using var client = _relay.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(Body(stream: false), Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using var message = JsonDocument.Parse(text);
        message.RootElement.GetProperty("content").EnumerateArray().Select(block => block.GetProperty("type").GetString()).ShouldBe(["tool_use"]);
        message.RootElement.GetProperty("stop_reason").GetString().ShouldBe("tool_use");
    }

    private static string Body(bool stream) =>
        $$"""{"model":"{{RelayGateway.Model}}","max_tokens":64,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"Weather and time?"}]}""";

    private static string Chunk(string delta, string? finish = null) =>
        $$"""{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finish is null ? "null" : $"\"{finish}\"")}}}]}""";

    private static UpstreamBehavior Stream(params string[] chunks) => new() { RawStream = SseText.Stream(chunks) };

    private async Task<List<JsonElement>> StreamEventsAsync()
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/messages", new StringContent(Body(stream: true), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return [.. SseText.Data(text).Select(data => JsonDocument.Parse(data).RootElement.Clone())];
    }

    /// <summary>The arguments of the <paramref name="n"/>th tool_use block, joined from its input_json_deltas.</summary>
    private static string ArgumentsOf(List<JsonElement> events, int n)
    {
        var index = events.Where(e => e.GetProperty("type").GetString() == "content_block_start"
                && e.GetProperty("content_block").GetProperty("type").GetString() == "tool_use")
            .Select(e => e.GetProperty("index").GetInt32()).ElementAt(n);
        return string.Concat(events.Where(e => e.GetProperty("type").GetString() == "content_block_delta" && e.GetProperty("index").GetInt32() == index)
            .Select(e => e.GetProperty("delta").GetProperty("partial_json").GetString()));
    }
}
