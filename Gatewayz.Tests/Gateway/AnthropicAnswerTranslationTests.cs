using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An OpenAI-compatible upstream's answer reaches an Anthropic client as Anthropic content blocks:
/// tool calls as <c>tool_use</c> blocks (streamed as <c>input_json_delta</c>s), reasoning as
/// <c>thinking</c> blocks, and never an empty text block.
/// </summary>
public sealed class AnthropicAnswerTranslationTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Upstream_tool_call_becomes_a_tool_use_block_with_its_input_and_no_empty_text_block()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("tool-call.json") };

        var message = await CreateMessageAsync();

        var block = message.Content.ShouldHaveSingleItem();
        block.TryPickToolUse(out var toolUse).ShouldBeTrue();
        toolUse!.ID.ShouldBe("call_Dn2RJJSxzDm49vlVTehseJ0k");
        toolUse.Name.ShouldBe("get_weather");
        toolUse.Input["city"].GetString().ShouldBe("Paris");
        toolUse.Input["unit"].GetString().ShouldBe("celsius");
        var raw = await PostMessagesAsync(stream: false);
        raw.GetProperty("stop_reason").GetString().ShouldBe("tool_use");
    }

    [Fact]
    public async Task Cached_prompt_tokens_are_reported_as_cache_reads_outside_input_tokens()
    {
        // tool-call.json: prompt_tokens 11, of which cached_tokens 8; completion_tokens 3.
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("tool-call.json") };

        var usage = (await PostMessagesAsync(stream: false)).GetProperty("usage");

        usage.GetProperty("input_tokens").GetInt32().ShouldBe(3);
        usage.GetProperty("cache_read_input_tokens").GetInt32().ShouldBe(8);
        usage.GetProperty("output_tokens").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task Parallel_tool_calls_become_one_tool_use_block_each_in_order()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("parallel-tool-calls.json") };

        var message = await CreateMessageAsync();

        message.Content.Count.ShouldBeGreaterThan(1);
        message.Content.All(block => block.TryPickToolUse(out _)).ShouldBeTrue();
    }

    [Fact]
    public async Task Upstream_reasoning_becomes_a_thinking_block_before_the_text()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("reasoning-content.json") };

        var message = await CreateMessageAsync();

        message.Content.Count.ShouldBe(2);
        message.Content[0].TryPickThinking(out var thinking).ShouldBeTrue();
        thinking!.Thinking.ShouldNotBeNullOrWhiteSpace();
        message.Content[1].TryPickText(out var text).ShouldBeTrue();
        text!.Text.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Streamed_tool_call_fragments_assemble_into_a_tool_use_block_through_the_sdk()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("tool-call-fragments.sse") };
        var blocks = new List<string>();
        var arguments = new StringBuilder();
        string? toolUseId = null;

        await foreach (var streamEvent in _relay.Gateway.CreateAnthropicClient().Messages.CreateStreaming(Params()))
        {
            if (streamEvent.TryPickContentBlockStart(out var start))
            {
                blocks.Add(start.ContentBlock.TryPickToolUse(out var toolUse) ? "tool_use" : "other");
                toolUseId ??= toolUse?.ID;
            }
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
                arguments.Append(json.PartialJson);
        }

        blocks.ShouldBe(["tool_use"], "one tool_use block and no empty text block");
        toolUseId.ShouldBe("call_Dn2RJJSxzDm49vlVTehseJ0k");
        JsonDocument.Parse(arguments.ToString()).RootElement.GetProperty("city").GetString().ShouldBe("Paris");
    }

    [Fact]
    public async Task Streamed_reasoning_and_text_open_a_thinking_block_then_a_text_block_with_matching_indexes()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("reasoning-content.sse") };

        var events = await StreamEventsAsync();

        var starts = events.Where(e => e.GetProperty("type").GetString() == "content_block_start").ToList();
        starts.Select(e => e.GetProperty("content_block").GetProperty("type").GetString()).ShouldBe(["thinking", "text"]);
        starts.Select(e => e.GetProperty("index").GetInt32()).ShouldBe([0, 1]);
        var stops = events.Where(e => e.GetProperty("type").GetString() == "content_block_stop").Select(e => e.GetProperty("index").GetInt32());
        stops.ShouldBe([0, 1]);
        events.Where(e => e.GetProperty("type").GetString() == "content_block_delta")
            .All(e => e.GetProperty("delta").GetProperty("type").GetString() is "thinking_delta" or "text_delta").ShouldBeTrue();
        events[^1].GetProperty("type").GetString().ShouldBe("message_stop");
    }

    [Fact]
    public async Task Streamed_parallel_tool_calls_open_one_tool_use_block_each()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("parallel-tool-calls.sse") };

        var events = await StreamEventsAsync();

        var starts = events.Where(e => e.GetProperty("type").GetString() == "content_block_start").ToList();
        starts.Count.ShouldBe(2);
        starts.All(e => e.GetProperty("content_block").GetProperty("type").GetString() == "tool_use").ShouldBeTrue();
        var delta = events.Single(e => e.GetProperty("type").GetString() == "message_delta");
        delta.GetProperty("delta").GetProperty("stop_reason").GetString().ShouldBe("tool_use");
    }

    [Fact]
    public async Task Interleaved_tool_call_arguments_end_the_stream_with_an_error_event_instead_of_a_wrong_block()
    {
        const string Interleaved = """
            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"a","arguments":""}},{"index":1,"id":"call_b","type":"function","function":{"name":"b","arguments":""}}]}}]}

            data: {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{}"}}]}}]}

            data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

            data: [DONE]


            """;
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = Interleaved };

        var events = await StreamEventsAsync();

        events[^1].GetProperty("type").GetString().ShouldBe("error");
        events.ShouldNotContain(e => e.GetProperty("type").GetString() == "message_stop");
    }

    [Theory]
    [InlineData("""{"id":"up","choices":[{"index":0,"message":{"content":null,"tool_calls":[{"type":"function","function":{"name":"get_weather","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}""")]
    [InlineData("""{"id":"up","choices":[{"index":0,"message":{"content":null,"function_call":{"name":"get_weather","arguments":"{}"}},"finish_reason":"function_call"}]}""")]
    public async Task Tool_call_without_an_id_gets_one_the_client_can_answer(string completion)
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = completion };

        var message = await CreateMessageAsync();

        message.Content.ShouldHaveSingleItem().TryPickToolUse(out var toolUse).ShouldBeTrue();
        toolUse!.ID.ShouldStartWith("toolu_");
        toolUse.Name.ShouldBe("get_weather");
    }

    [Fact]
    public async Task Tool_arguments_sent_as_an_object_become_the_input()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawBody = """{"choices":[{"index":0,"message":{"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":{"city":"Paris"}}}]},"finish_reason":"tool_calls"}]}""",
        };

        var message = await CreateMessageAsync();

        message.Content.ShouldHaveSingleItem().TryPickToolUse(out var toolUse).ShouldBeTrue();
        toolUse!.Input["city"].GetString().ShouldBe("Paris");
    }

    [Fact]
    public async Task Reasoning_sent_under_both_names_is_one_thinking_block_not_two_copies()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawBody = """{"choices":[{"index":0,"message":{"content":"Yes.","reasoning_content":"Think.","reasoning":"Think."},"finish_reason":"stop"}]}""",
        };

        var message = await CreateMessageAsync();

        message.Content[0].TryPickThinking(out var thinking).ShouldBeTrue();
        thinking!.Thinking.ShouldBe("Think.");
    }

    [Fact]
    public async Task Streamed_tool_use_start_is_one_event_with_no_empty_frame_after_it()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("tool-call-fragments.sse") };
        using var client = _relay.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(MessagesBody(stream: true), Encoding.UTF8, "application/json"));
        var sse = await response.Content.ReadAsStringAsync();

        sse.ShouldNotContain("\n\n\n");
        sse.ShouldStartWith("event: message_start");
    }

    [Theory]
    [InlineData("stop_reason")]
    [InlineData("matched_stop")]
    public async Task Stop_sequence_the_upstream_names_is_the_stop_reason_and_the_stop_sequence(string field)
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawBody = $$"""{"choices":[{"index":0,"message":{"content":"one two"},"finish_reason":"stop","{{field}}":"END"}]}""",
        };

        var message = await PostMessagesAsync(stream: false);

        message.GetProperty("stop_reason").GetString().ShouldBe("stop_sequence");
        message.GetProperty("stop_sequence").GetString().ShouldBe("END");
    }

    [Fact]
    public async Task Streamed_stop_sequence_reaches_the_message_delta()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawStream = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"one\"}}]}\n\n" +
                        "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":\"END\"}]}\n\ndata: [DONE]\n\n",
        };

        var events = await StreamEventsAsync();

        var delta = events.Single(e => e.GetProperty("type").GetString() == "message_delta").GetProperty("delta");
        delta.GetProperty("stop_reason").GetString().ShouldBe("stop_sequence");
        delta.GetProperty("stop_sequence").GetString().ShouldBe("END");
    }

    [Fact]
    public async Task Stop_token_id_is_not_taken_for_a_stop_sequence()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior
        {
            RawBody = """{"choices":[{"index":0,"message":{"content":"one"},"finish_reason":"stop","stop_reason":128009}]}""",
        };

        var message = await PostMessagesAsync(stream: false);

        message.GetProperty("stop_reason").GetString().ShouldBe("end_turn");
        message.GetProperty("stop_sequence").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private static MessageCreateParams Params(bool stream = false) => new()
    {
        Model = RelayGateway.Model,
        MaxTokens = 100,
        Messages = [new UserMessageParam { Content = "What is the weather in Paris?" }],
    };

    private Task<Message> CreateMessageAsync() => _relay.Gateway.CreateAnthropicClient().Messages.Create(Params());

    private static string MessagesBody(bool stream) =>
        $$"""{"model":"{{RelayGateway.Model}}","max_tokens":100,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"What is the weather in Paris?"}]}""";

    private async Task<JsonElement> PostMessagesAsync(bool stream)
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/messages", new StringContent(MessagesBody(stream), Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<List<JsonElement>> StreamEventsAsync()
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/messages", new StringContent(MessagesBody(stream: true), Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var sse = await response.Content.ReadAsStringAsync();
        return [.. SseText.JsonEvents(sse).Select(data => JsonDocument.Parse(data).RootElement.Clone())];
    }
}
