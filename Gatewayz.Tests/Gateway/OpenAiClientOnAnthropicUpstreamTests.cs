using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// <c>/v1/chat/completions</c> on a model routed to an Anthropic upstream, with the OpenAI .NET SDK: the
/// upstream receives an Anthropic Messages body translated from the client's (system, tools, tool history,
/// images, limits), and the client receives OpenAI completions and chunks translated from Anthropic's
/// message and events (text, tool calls, reasoning, finish reason, usage).
/// </summary>
public sealed class OpenAiClientOnAnthropicUpstreamTests : IAsyncLifetime
{
    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    private ChatClient Client => _relay.Gateway.CreateChatClient(AnthropicRelayGateway.Model);

    private static readonly ChatTool Weather = ChatTool.CreateFunctionTool("get_weather", "The current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}"""));

    [Fact]
    public async Task Text_answer_is_translated_with_finish_reason_and_usage()
    {
        var completion = (await Client.CompleteChatAsync([new SystemChatMessage("Be terse"), new UserChatMessage("Hi")])).Value;

        completion.Content.Single().Text.ShouldBe("Hi! My name is Claude. ¿Cómo estás? 😀");
        completion.FinishReason.ShouldBe(ChatFinishReason.Stop);
        completion.Usage.InputTokenCount.ShouldBe(12);
        completion.Usage.OutputTokenCount.ShouldBe(17);
        completion.Model.ShouldBe(AnthropicRelayGateway.Model);

        var sent = _relay.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("model").GetString().ShouldBe(AnthropicRelayGateway.UpstreamModel);
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(4096);
        sent.GetProperty("system").GetRawText().ShouldBe("""[{"type":"text","text":"Be terse"}]""");
        sent.GetProperty("messages").GetRawText().ShouldBe("""[{"role":"user","content":[{"type":"text","text":"Hi"}]}]""");
        _relay.Anthropic.LastMessageRequest.Headers["x-api-key"].ShouldBe(AnthropicRelayGateway.ApiKey);
    }

    [Fact]
    public async Task Tool_use_becomes_tool_calls_and_the_tool_history_reaches_the_upstream_as_blocks()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("tool-use.json") };
        var options = new ChatCompletionOptions
        {
            Tools = { Weather },
            ToolChoice = ChatToolChoice.CreateRequiredChoice(),
            MaxOutputTokenCount = 300,
            Temperature = 0.5f,
            EndUserId = "user-42",
            StopSequences = { "END" },
        };
        ChatMessage[] history =
        [
            new UserChatMessage("What is the weather in Paris?"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "get_weather", BinaryData.FromString("""{"location":"Paris"}"""))]),
            new ToolChatMessage("call_1", "18C and sunny"),
            new UserChatMessage("And in San Francisco?"),
        ];

        var completion = (await Client.CompleteChatAsync(history, options)).Value;

        completion.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        completion.Content.Single().Text.ShouldBe("I'll check the current weather in San Francisco for you.");
        var call = completion.ToolCalls.ShouldHaveSingleItem();
        call.Id.ShouldBe("toolu_01A09q90qw90lq917835lq9");
        call.FunctionName.ShouldBe("get_weather");
        call.FunctionArguments.ToString().ShouldBe("""{"location":"San Francisco, CA","unit":"celsius"}""");

        var sent = _relay.Anthropic.LastMessageRequest.Body!.Value;
        sent.GetProperty("max_tokens").GetInt32().ShouldBe(300);
        sent.GetProperty("temperature").GetDouble().ShouldBe(0.5);
        sent.GetProperty("stop_sequences").GetRawText().ShouldBe("""["END"]""");
        sent.GetProperty("metadata").GetRawText().ShouldBe("""{"user_id":"user-42"}""");
        sent.GetProperty("tool_choice").GetRawText().ShouldBe("""{"type":"any"}""");
        sent.GetProperty("tools").GetRawText().ShouldBe(
            """[{"name":"get_weather","description":"The current weather in a city","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}]""");
        sent.GetProperty("messages").GetRawText().ShouldBe(
            """[{"role":"user","content":[{"type":"text","text":"What is the weather in Paris?"}]},""" +
            """{"role":"assistant","content":[{"type":"tool_use","id":"call_1","name":"get_weather","input":{"location":"Paris"}}]},""" +
            """{"role":"user","content":[{"type":"tool_result","tool_use_id":"call_1","content":[{"type":"text","text":"18C and sunny"}]},{"type":"text","text":"And in San Francisco?"}]}]""");
    }

    [Fact]
    public async Task Streamed_tool_use_assembles_from_tool_call_updates()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("tool-use.sse") };
        var options = new ChatCompletionOptions { Tools = { Weather } };
        var text = new StringBuilder();
        var arguments = new StringBuilder();
        string? id = null, name = null;
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;
        var roles = 0;

        await foreach (var update in Client.CompleteChatStreamingAsync([new UserChatMessage("Weather in SF?")], options))
        {
            if (update.Role is not null) roles++;
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            foreach (var tool in update.ToolCallUpdates)
            {
                tool.Index.ShouldBe(0);
                id ??= tool.ToolCallId;
                name ??= tool.FunctionName;
                if (tool.FunctionArgumentsUpdate is { } fragment) arguments.Append(fragment.ToString());
            }
            finish ??= update.FinishReason;
            usage ??= update.Usage;
        }

        roles.ShouldBe(1);
        text.ToString().ShouldBe("Okay, let's check the weather for San Francisco, CA:");
        id.ShouldBe("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        name.ShouldBe("get_weather");
        arguments.ToString().ShouldBe("""{"location": "San Francisco, CA", "unit": "fahrenheit"}""");
        finish.ShouldBe(ChatFinishReason.ToolCalls);
        usage.ShouldNotBeNull();
        usage.InputTokenCount.ShouldBe(472);
        usage.OutputTokenCount.ShouldBe(89);
        _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("stream").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Streamed_text_is_translated()
    {
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in Client.CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
        {
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
            finish ??= update.FinishReason;
        }

        text.ToString().ShouldNotBeEmpty();
        finish.ShouldBe(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task Thinking_becomes_reasoning_content()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawBody = WireFixtures.Anthropic("thinking.json") };
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}","messages":[{"role":"user","content":"sqrt(225)?"}]}""", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var message = json.RootElement.GetProperty("choices")[0].GetProperty("message");
        message.GetProperty("content").GetString().ShouldBe("The square root of 225 is 15.");
        message.GetProperty("reasoning_content").GetString().ShouldBe("To find the square root of 225, I recall that 15 x 15 = 225.");
    }

    [Fact]
    public async Task Image_parts_become_image_blocks_base64_or_url()
    {
        ChatMessage ask = new UserChatMessage(
            ChatMessageContentPart.CreateTextPart("What is in these?"),
            ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes([1, 2, 3]), "image/png"),
            ChatMessageContentPart.CreateImagePart(new Uri("https://example.com/cat.jpg")));

        await Client.CompleteChatAsync([ask]);

        _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("messages")[0].GetProperty("content").GetRawText().ShouldBe(
            """[{"type":"text","text":"What is in these?"},""" +
            """{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AQID"}},""" +
            """{"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}}]""");
    }

    [Fact]
    public async Task Streamed_thinking_becomes_reasoning_content_chunks_before_the_text()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("thinking.sse") };
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}","stream":true,"messages":[{"role":"user","content":"GCD of 1071 and 462?"}]}""", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var reasoning = new StringBuilder();
        var text = new StringBuilder();
        string? finish = null;
        foreach (var line in body.Split('\n').Where(line => line.StartsWith("data: {", StringComparison.Ordinal)))
        {
            using var chunk = JsonDocument.Parse(line[6..]);
            var choice = chunk.RootElement.GetProperty("choices")[0];
            var delta = choice.GetProperty("delta");
            if (delta.TryGetProperty("reasoning_content", out var part))
            {
                text.Length.ShouldBe(0, "reasoning comes before the answer");
                reasoning.Append(part.GetString());
            }
            if (delta.TryGetProperty("content", out var content)) text.Append(content.GetString());
            if (choice.GetProperty("finish_reason").GetString() is { } reason) finish = reason;
        }

        reasoning.ToString().ShouldBe("I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 x 462 + 147\n462 = 3 x 147 + 21\n147 = 7 x 21 + 0\n\nSo GCD(1071, 462) = 21");
        text.ToString().ShouldBe("The greatest common divisor of 1071 and 462 is **21**.");
        finish.ShouldBe("stop");
        body.TrimEnd().ShouldEndWith("data: [DONE]");
    }

    [Theory]
    [InlineData("\"n\":2", "n")]
    [InlineData("\"logprobs\":true", "logprobs")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{}}}", "response_format")]
    public async Task A_field_anthropic_cannot_express_is_a_400_naming_it(string field, string param)
    {
        using var client = _relay.Gateway.CreateHttpClient();
        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}","messages":[{"role":"user","content":"Hi"}],{{field}}}""", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        using var error = JsonDocument.Parse(body);
        error.RootElement.GetProperty("error").GetProperty("param").GetString().ShouldBe(param);
        _relay.Anthropic.Requests.ShouldNotContain(request => request.Method == "POST");
    }
}
