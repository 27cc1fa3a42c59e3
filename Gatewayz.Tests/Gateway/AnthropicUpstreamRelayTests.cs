using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Api.Providers;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// <c>/v1/messages</c> on a model routed to an Anthropic upstream is a same-format relay: the upstream receives
/// the client's body with only <c>model</c> rewritten (and its key, version and beta headers), and the client
/// receives the upstream's body or events byte for byte, except the gateway's message id and the model.
/// </summary>
public sealed class AnthropicUpstreamRelayTests : IAsyncLifetime
{
    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Theory]
    [InlineData("text.json", "msg_01XFDUDYJgAACzvnptvVoYEL")]
    [InlineData("tool-use.json", "msg_01Aq9w938a90dw8q")]
    [InlineData("thinking.json", "msg_01ThinkingNonStreamed")]
    public async Task Non_streamed_message_reaches_the_client_byte_for_byte_except_id_and_model(string fixture, string upstreamId)
    {
        var upstream = WireFixtures.Anthropic(fixture).TrimEnd('\n');
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = upstream };

        var (status, body, response) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody());

        status.ShouldBe(HttpStatusCode.OK, body);
        var id = AnthropicRelayGateway.GatewayIdOf(body);
        id.ShouldStartWith("msg_");
        id.ShouldNotBe(upstreamId);
        body.ShouldBe(AnthropicRelayGateway.Relayed(upstream, upstreamId, id));
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.Provider]);
    }

    [Theory]
    [InlineData("text.sse", "msg_01XFDUDYJgAACzvnptvVoYEL")]
    [InlineData("tool-use.sse", "msg_014p7gG3wDgGV9EUtLvnow3U")]
    [InlineData("thinking.sse", "msg_01ThinkingStreamed")]
    public async Task Streamed_events_reach_the_client_byte_for_byte_except_id_and_model(string fixture, string upstreamId)
    {
        var upstream = WireFixtures.Anthropic(fixture);
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = upstream };

        var (status, body, _) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody(stream: true));

        status.ShouldBe(HttpStatusCode.OK, body);
        var id = AnthropicRelayGateway.GatewayIdOf(body);
        id.ShouldStartWith("msg_");
        // Every event with its name, pings included; message_start carries the gateway's id and model.
        body.ShouldBe(AnthropicRelayGateway.Relayed(upstream, upstreamId, id));
    }

    [Fact]
    public async Task Upstream_receives_the_clients_body_with_only_the_model_rewritten_and_its_key_version_and_beta_headers()
    {
        var sent = AnthropicRelayGateway.MessagesBody();

        await _relay.PostMessagesAsync(sent, ("anthropic-beta", "interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14"));

        var received = _relay.Anthropic.LastMessageRequest;
        received.Path.ShouldBe("/v1/messages");
        received.RawBody.ShouldBe(sent.Replace($"\"{AnthropicRelayGateway.Model}\"", $"\"{AnthropicRelayGateway.UpstreamModel}\""));
        received.Headers["x-api-key"].ShouldBe(AnthropicRelayGateway.ApiKey);
        received.Headers["anthropic-version"].ShouldBe("2023-06-01");
        received.Headers["anthropic-beta"].ShouldBe("interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14");
        received.Headers.ShouldNotContainKey("authorization");
    }

    [Fact]
    public async Task Sdk_reads_a_relayed_streamed_tool_use_and_thinking_with_its_signature()
    {
        _relay.Anthropic.Script.Enqueue(new UpstreamBehavior { RawStream = WireFixtures.Anthropic("tool-use.sse") });
        _relay.Anthropic.Script.Enqueue(new UpstreamBehavior { RawStream = WireFixtures.Anthropic("thinking.sse") });
        var client = _relay.CreateAnthropicClient();

        var toolInput = new StringBuilder();
        string? toolName = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Ask()))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
                toolName = toolUse.Name;
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
                toolInput.Append(json.PartialJson);
        }
        toolName.ShouldBe("get_weather");
        JsonDocument.Parse(toolInput.ToString()).RootElement.GetProperty("unit").GetString().ShouldBe("fahrenheit");

        var thinking = new StringBuilder();
        string? signature = null;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Ask()))
        {
            if (!streamEvent.TryPickContentBlockDelta(out var delta)) continue;
            if (delta.Delta.TryPickThinking(out var thought)) thinking.Append(thought.Thinking);
            if (delta.Delta.TryPickSignature(out var signed)) signature = signed.Signature;
        }
        thinking.ToString().ShouldContain("GCD(1071, 462) = 21");
        signature.ShouldStartWith("EqQBCgIYAhIM");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sdk_tool_use_loop_works_through_the_gateway(bool stream)
    {
        _relay.Anthropic.Script.Enqueue(stream
            ? new UpstreamBehavior { RawStream = WireFixtures.Anthropic("tool-use.sse") }
            : new UpstreamBehavior { RawBody = WireFixtures.Anthropic("tool-use.json") });
        _relay.Anthropic.Script.Enqueue(stream
            ? new UpstreamBehavior { RawStream = WireFixtures.Anthropic("text.sse") }
            : new UpstreamBehavior { RawBody = WireFixtures.Anthropic("text.json") });
        var client = _relay.CreateAnthropicClient();
        var ask = Ask();

        var (toolUseId, toolName, input) = stream ? await StreamedToolUseAsync(client, ask) : await ToolUseAsync(client, ask);
        toolName.ShouldBe("get_weather");
        var followUp = ask with
        {
            Messages =
            [
                .. ask.Messages,
                new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = toolUseId, Name = toolName, Input = input } } },
                new UserMessageParam { Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = toolUseId, Content = "15 degrees and foggy" } } },
            ],
        };
        var answer = stream ? await StreamedTextAsync(client, followUp) : await TextAsync(client, followUp);

        answer.ShouldNotBeNullOrWhiteSpace();
        var messages = _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("messages");
        messages.GetArrayLength().ShouldBe(3);
        var result = messages[2].GetProperty("content")[0];
        result.GetProperty("type").GetString().ShouldBe("tool_result");
        result.GetProperty("tool_use_id").GetString().ShouldBe(toolUseId);
        result.GetProperty("content").GetString().ShouldBe("15 degrees and foggy");
        messages[1].GetProperty("content")[0].GetProperty("id").GetString().ShouldBe(toolUseId);
    }

    [Fact]
    public async Task Upstream_400_reaches_the_client_with_its_anthropic_type_and_message_and_is_not_retried()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior
        {
            Status = 400,
            ErrorBody = """{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""",
        };

        var (status, body, _) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody(model: AnthropicRelayGateway.FailoverModel));

        status.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(body).RootElement.ShouldBeJson("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5-20250929"}}""");
        _relay.Anthropic.Requests.Count(request => request.Method == "POST").ShouldBe(1);
        _relay.OpenAi.ChatRequestCount.ShouldBe(0, "a request the client must fix fails on every route");
    }

    [Fact]
    public async Task An_error_event_after_output_reaches_the_client_as_the_upstreams_error_event_without_message_stop()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("error-event.sse") };

        var (status, body, _) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody(stream: true));

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Once upon\"}}\n\n");
        body.ShouldEndWith("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
        body.ShouldNotContain("message_stop");
    }

    [Fact]
    public async Task An_error_event_through_the_sdk_throws()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("error-event.sse") };

        await Should.ThrowAsync<Exception>(async () =>
        {
            await foreach (var _ in _relay.CreateAnthropicClient().Messages.CreateStreaming(Ask())) { }
        });
    }

    [Fact]
    public async Task A_stream_cut_before_message_stop_fails_over_when_nothing_was_sent_yet()
    {
        // message_start and a ping only: no output reached the client, so the OpenAI-compatible route answers.
        var cut = string.Join("", WireFixtures.Anthropic("text.sse").Split("\n\n").Take(3).Select(frame => frame + "\n\n"));
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = cut };

        var (status, body, response) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody(stream: true, model: AnthropicRelayGateway.FailoverModel));

        status.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-gatewayz-provider").ShouldBe([AnthropicRelayGateway.OpenAiProvider]);
        body.ShouldContain("Hello from upstream".Split(' ')[0]);
        body.ShouldContain("event: message_stop");
    }

    [Theory]
    [InlineData(529)]
    [InlineData(429)]
    public async Task A_failing_anthropic_route_fails_over_to_an_openai_compatible_one(int upstreamStatus)
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior
        {
            Status = upstreamStatus,
            ErrorBody = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
        };

        var message = await _relay.CreateAnthropicClient().Messages.Create(Ask(AnthropicRelayGateway.FailoverModel));

        message.Content.ShouldHaveSingleItem().TryPickText(out var text).ShouldBeTrue();
        text!.Text.ShouldBe("Hello from upstream");
        _relay.OpenAi.ChatRequestCount.ShouldBe(1);
    }

    [Fact]
    public async Task Usage_of_relayed_answers_is_counted_in_metrics_cache_tokens_included()
    {
        _relay.Anthropic.Script.Enqueue(new UpstreamBehavior { RawBody = WireFixtures.Anthropic("text.json") });
        _relay.Anthropic.Script.Enqueue(new UpstreamBehavior { RawStream = WireFixtures.Anthropic("thinking.sse") });

        await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody());
        await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody(stream: true));

        // text.json: 12 in, 17 out; thinking.sse: 40 + 5 cache writes + 3 cache reads in, 210 out.
        (await _relay.TokensUsedAsync("input")).ShouldBe(12 + 48);
        (await _relay.TokensUsedAsync("output")).ShouldBe(17 + 210);
    }

    [Fact]
    public async Task An_openai_client_on_a_mixed_model_is_served_by_its_first_route_translated()
    {
        var completion = await _relay.Gateway.CreateChatClient(AnthropicRelayGateway.FailoverModel).CompleteChatAsync("Hi");

        completion.Value.Content[0].Text.ShouldBe("Hi! My name is Claude. ¿Cómo estás? 😀");
        _relay.Anthropic.Requests.ShouldContain(request => request.Method == "POST");
        _relay.OpenAi.ChatRequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task Model_list_comes_from_the_upstreams_models_endpoint_with_its_key_and_version()
    {
        var provider = _relay.Gateway.Services.GetRequiredService<ProviderRegistry>().Get(AnthropicRelayGateway.Provider);

        var models = await provider.ListModelsAsync(CancellationToken.None);

        models.ShouldBe(["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"], ignoreOrder: true);
        var request = _relay.Anthropic.Requests.Last(request => request.Method == "GET");
        request.Path.ShouldBe("/v1/models?limit=1000");
        request.Headers["x-api-key"].ShouldBe(AnthropicRelayGateway.ApiKey);
        request.Headers["anthropic-version"].ShouldBe("2023-06-01");
    }

    private static MessageCreateParams Ask(string model = AnthropicRelayGateway.Model) => new()
    {
        Model = model,
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = "What is the weather in San Francisco?" }],
    };

    private static async Task<(string Id, string Name, IReadOnlyDictionary<string, JsonElement> Input)> ToolUseAsync(Anthropic.AnthropicClient client, MessageCreateParams ask)
    {
        var message = await client.Messages.Create(ask);
        message.Content.Last().TryPickToolUse(out var toolUse).ShouldBeTrue();
        return (toolUse!.ID, toolUse.Name, toolUse.Input);
    }

    private static async Task<(string Id, string Name, IReadOnlyDictionary<string, JsonElement> Input)> StreamedToolUseAsync(Anthropic.AnthropicClient client, MessageCreateParams ask)
    {
        string? id = null, name = null;
        var input = new StringBuilder();
        await foreach (var streamEvent in client.Messages.CreateStreaming(ask))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
                (id, name) = (toolUse.ID, toolUse.Name);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
                input.Append(json.PartialJson);
        }
        return (id!, name!, JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(input.ToString())!);
    }

    private static async Task<string> TextAsync(Anthropic.AnthropicClient client, MessageCreateParams ask)
    {
        var message = await client.Messages.Create(ask);
        message.Content.ShouldHaveSingleItem().TryPickText(out var text).ShouldBeTrue();
        return text!.Text;
    }

    private static async Task<string> StreamedTextAsync(Anthropic.AnthropicClient client, MessageCreateParams ask)
    {
        var text = new StringBuilder();
        await foreach (var streamEvent in client.Messages.CreateStreaming(ask))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
                text.Append(textDelta.Text);
        }
        return text.ToString();
    }
}
