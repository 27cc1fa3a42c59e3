using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Responses;

#pragma warning disable OPENAI001 // The SDK's Responses client is marked experimental.

namespace Gatewayz.Tests.Responses;

/// <summary>
/// What scripted upstreams receive for a Responses API request and what the client gets back: the conversation in
/// order (instructions first, a stored response's turns before the new input), <c>text.format</c> as
/// <c>response_format</c>, an Anthropic upstream's Messages request and answer, and a stream that breaks off.
/// </summary>
public sealed class ResponsesTranslationTests
{
    [Fact]
    public async Task A_continued_response_sends_the_new_instructions_then_the_stored_turns_in_order_then_the_new_input()
    {
        await using var relay = await RelayGateway.StartAsync();
        var client = relay.Gateway.CreateResponsesClient();
        relay.Upstream.Script.Enqueue(new UpstreamBehavior { Chunks = ["The first answer."] });
        relay.Upstream.Script.Enqueue(new UpstreamBehavior { Chunks = ["The second answer."] });

        var first = ResponsesGateway.Options(RelayGateway.Model, ResponseItem.CreateUserMessageItem("The first question?"));
        first.Instructions = "Be terse.";
        ResponseResult answered = await client.CreateResponseAsync(first);
        var second = ResponsesGateway.Options(RelayGateway.Model, ResponseItem.CreateUserMessageItem("The second question?"));
        second.Instructions = "Answer in French.";
        second.PreviousResponseId = answered.Id;
        ResponseResult continued = await client.CreateResponseAsync(second);

        continued.GetOutputText().ShouldBe("The second answer.");
        var requests = relay.Upstream.Requests.Where(request => request.Method == "POST").Select(request => request.Body!.Value).ToList();
        requests.Count.ShouldBe(2);
        Messages(requests[0]).ShouldBe([("system", "Be terse."), ("user", "The first question?")]);
        // OpenAI does not carry instructions over to a continued response: only the new ones are sent.
        Messages(requests[1]).ShouldBe([("system", "Answer in French."), ("user", "The first question?"), ("assistant", "The first answer."), ("user", "The second question?")]);
        requests[1].GetProperty("model").GetString().ShouldBe(RelayGateway.UpstreamModel);
    }

    [Fact]
    public async Task Function_tools_choice_format_and_options_reach_an_openai_upstream_as_their_chat_completions_fields()
    {
        await using var relay = await RelayGateway.StartAsync();

        var (status, body) = await relay.Gateway.PostAsync("""
            {"model":"MODEL","input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"Use metric units."}]},
              {"role":"user","content":[{"type":"input_text","text":"What is this?"},{"type":"input_image","image_url":"https://example.com/cat.png","detail":"low"}]}],
             "tools":[{"type":"function","name":"get_weather","description":"The weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}],
             "tool_choice":{"type":"function","name":"get_weather"},"parallel_tool_calls":false,
             "text":{"format":{"type":"json_schema","name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}},
             "reasoning":{"effort":"high"},"max_output_tokens":300,"temperature":0.5,"top_p":0.9,"user":"end-user-7","metadata":{"ticket":"42"}}
            """.Replace("MODEL", RelayGateway.Model));

        status.ShouldBe(200, body);
        var sent = relay.UpstreamRequest;
        sent.GetProperty("messages").ShouldBeJson("""
            [{"role":"developer","content":"Use metric units."},
             {"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}}]}]
            """);
        sent.GetProperty("tools").ShouldBeJson("""
            [{"type":"function","function":{"name":"get_weather","description":"The weather.","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}}]
            """);
        sent.GetProperty("tool_choice").ShouldBeJson("""{"type":"function","function":{"name":"get_weather"}}""");
        sent.GetProperty("parallel_tool_calls").GetBoolean().ShouldBeFalse();
        sent.GetProperty("response_format").ShouldBeJson("""
            {"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"a":{"type":"string"}}},"strict":true}}
            """);
        sent.GetProperty("reasoning_effort").GetString().ShouldBe("high");
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(300);
        (sent.GetProperty("temperature").GetDouble(), sent.GetProperty("top_p").GetDouble()).ShouldBe((0.5, 0.9));
        sent.GetProperty("user").GetString().ShouldBe("end-user-7");
        // The gateway's own: kept with the response, echoed, never sent.
        sent.TryGetProperty("metadata", out _).ShouldBeFalse();
        sent.TryGetProperty("store", out _).ShouldBeFalse();
        var echoed = JsonDocument.Parse(body).RootElement;
        echoed.GetProperty("metadata").GetProperty("ticket").GetString().ShouldBe("42");
        echoed.GetProperty("text").GetProperty("format").GetProperty("name").GetString().ShouldBe("answer");
        echoed.GetProperty("tool_choice").GetProperty("name").GetString().ShouldBe("get_weather");
    }

    [Fact]
    public async Task An_anthropic_upstream_serves_a_response_its_instructions_as_system_and_its_tool_use_as_a_function_call()
    {
        await using var anthropic = await AnthropicRelayGateway.StartAsync();
        anthropic.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("tool-use.json") };
        var options = ResponsesGateway.Options(AnthropicRelayGateway.Model, ResponseItem.CreateUserMessageItem("What is the weather in San Francisco?"));
        options.Instructions = "You are a weather bot.";
        options.Tools.Add(ResponsesGateway.WeatherTool);

        ResponseResult response = await anthropic.Gateway.CreateResponsesClient().CreateResponseAsync(options);

        var sent = anthropic.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("model").GetString().ShouldBe(AnthropicRelayGateway.UpstreamModel);
        sent.GetProperty("system").ToString().ShouldContain("You are a weather bot.");
        sent.GetProperty("tools")[0].GetProperty("name").GetString().ShouldBe("get_weather");
        sent.GetProperty("messages")[0].GetProperty("role").GetString().ShouldBe("user");
        response.OutputItems.Count.ShouldBe(2);
        response.OutputItems[0].ShouldBeAssignableTo<MessageResponseItem>().Content[0].Text.ShouldBe("I'll check the current weather in San Francisco for you.");
        var call = response.OutputItems[1].ShouldBeAssignableTo<FunctionCallResponseItem>();
        (call.CallId, call.FunctionName).ShouldBe(("toolu_01A09q90qw90lq917835lq9", "get_weather"));
        JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.ShouldBeJson("""{"location":"San Francisco, CA","unit":"celsius"}""");
        (response.Usage.InputTokenCount, response.Usage.OutputTokenCount).ShouldBe((384, 92));
    }

    [Fact]
    public async Task An_anthropic_upstreams_stream_reaches_the_sdk_as_the_responses_events()
    {
        await using var anthropic = await AnthropicRelayGateway.StartAsync();
        var text = new System.Text.StringBuilder();
        ResponseResult? completed = null;

        await foreach (var update in await anthropic.Gateway.CreateResponsesClient().CreateResponseStreamingAsync(
            ResponsesGateway.Streamed(ResponsesGateway.Options(AnthropicRelayGateway.Model, ResponseItem.CreateUserMessageItem("Hello")))))
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta) text.Append(delta.Delta);
            if (update is StreamingResponseCompletedUpdate done) completed = done.Response;
        }

        var recorded = string.Concat(SseText.JsonEvents(WireFixtures.Anthropic("text.sse")).Select(data => JsonDocument.Parse(data).RootElement)
            .Where(data => data.GetProperty("type").GetString() == "content_block_delta").Select(data => data.GetProperty("delta").GetProperty("text").GetString()));
        recorded.ShouldNotBeEmpty();
        text.ToString().ShouldBe(recorded);
        completed.ShouldNotBeNull().GetOutputText().ShouldBe(recorded);
        completed.Usage.OutputTokenCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_json_schema_format_an_anthropic_upstream_cannot_follow_is_refused_by_its_responses_path()
    {
        await using var anthropic = await AnthropicRelayGateway.StartAsync();

        var (status, body) = await anthropic.Gateway.PostAsync("""
            {"model":"MODEL","input":"Hi","text":{"format":{"type":"json_schema","name":"a","schema":{"type":"object"}}}}
            """.Replace("MODEL", AnthropicRelayGateway.Model));

        status.ShouldBe(400, body);
        ResponsesGateway.ErrorOf(body).ShouldBe(("text.format", "unsupported_parameter"));
        body.ShouldNotContain("response_format");
        anthropic.Anthropic.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_upstream_that_breaks_off_mid_stream_ends_the_stream_with_an_error_event_and_a_failed_response()
    {
        await using var relay = await RelayGateway.StartAsync();
        relay.Upstream.Behavior = new UpstreamBehavior { Chunks = ["One", " two", " three", " four"], DisconnectAfterChunks = 2, ChunkDelay = TimeSpan.FromMilliseconds(100) };
        using var http = relay.Gateway.CreateHttpClient();

        using var response = await http.PostAsync("/v1/responses", new StringContent(
            $$"""{"model":"{{RelayGateway.Model}}","input":"Count","stream":true}""", System.Text.Encoding.UTF8, "application/json"));
        var events = ResponsesGateway.Events(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var names = events.Select(e => e.Event).ToList();
        names[..4].ShouldBe(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]);
        names[4..^2].ShouldNotBeEmpty();
        names[4..^2].ShouldAllBe(name => name == "response.output_text.delta");
        names[^2..].ShouldBe(["error", "response.failed"]);
        events.ShouldAllBe(e => e.Data.GetProperty("type").GetString() == e.Event);
        events.Select(e => e.Data.GetProperty("sequence_number").GetInt32()).ShouldBe(Enumerable.Range(0, events.Count));
        events[^2].Data.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        var failed = events[^1].Data.GetProperty("response");
        failed.GetProperty("status").GetString().ShouldBe("failed");
        failed.GetProperty("error").GetProperty("code").GetString().ShouldBe("server_error");
        var delivered = string.Concat(events[4..^2].Select(e => e.Data.GetProperty("delta").GetString()));
        delivered.ShouldStartWith("One");
        failed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString().ShouldBe(delivered);
    }

    /// <summary>A chat body's messages as (role, text) pairs, the text of a string content.</summary>
    private static List<(string Role, string Text)> Messages(JsonElement body) =>
        [.. body.GetProperty("messages").EnumerateArray().Select(message => (message.GetProperty("role").GetString()!, message.GetProperty("content").GetString()!))];
}
