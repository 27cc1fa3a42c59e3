using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The official OpenAI .NET SDK sees tool calls, their streamed fragments and logprobs through the
/// gateway as it would from the upstream, and a conversation with tool calls reaches the upstream intact.
/// (The SDK's <see cref="ChatCompletion"/> shows only the first choice; <c>n</c> is covered by the raw HTTP relay tests.)
/// </summary>
public sealed class OpenAiSdkToolCallTests : IAsyncLifetime
{
    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool("get_weather", "The weather in a city.",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"},"unit":{"type":"string"}},"required":["city"]}"""));

    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Fact]
    public async Task Sdk_completion_returns_the_upstreams_tool_call_and_finish_reason_tool_calls()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("tool-call.json") };

        ChatCompletion completion = await _relay.CreateChatClient().CompleteChatAsync([new UserChatMessage("What is the weather in Paris?")], WithWeatherTool());

        completion.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        var call = completion.ToolCalls.ShouldHaveSingleItem();
        (call.Id, call.FunctionName, call.FunctionArguments.ToString()).ShouldBe(("call_Dn2RJJSxzDm49vlVTehseJ0k", "get_weather", """{"city":"Paris","unit":"celsius"}"""));
    }

    [Fact]
    public async Task Sdk_completion_returns_parallel_tool_calls_in_order()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("parallel-tool-calls.json") };

        ChatCompletion completion = await _relay.CreateChatClient().CompleteChatAsync([new UserChatMessage("Weather and time in Paris?")], WithWeatherTool());

        completion.FinishReason.ShouldBe(ChatFinishReason.ToolCalls);
        completion.ToolCalls.Select(call => (call.Id, call.FunctionName, call.FunctionArguments.ToString())).ShouldBe(
        [
            ("call_weather_paris_01", "get_weather", """{"city":"Paris"}"""),
            ("call_time_paris_02", "get_local_time", """{"timezone":"Europe/Paris"}"""),
        ]);
    }

    [Fact]
    public async Task Sdk_stream_tool_call_updates_assemble_into_the_upstreams_parallel_tool_calls()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("parallel-tool-calls.sse") };
        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        ChatFinishReason? finish = null;

        await foreach (var update in _relay.CreateChatClient().CompleteChatStreamingAsync([new UserChatMessage("Weather and time in Paris?")], WithWeatherTool()))
        {
            foreach (var fragment in update.ToolCallUpdates)
            {
                var call = calls.TryGetValue(fragment.Index, out var known) ? known : (null, null, new StringBuilder());
                calls[fragment.Index] = (call.Id ?? fragment.ToolCallId, call.Name ?? fragment.FunctionName, call.Arguments.Append(fragment.FunctionArgumentsUpdate?.ToString()));
            }
            finish ??= update.FinishReason;
        }

        finish.ShouldBe(ChatFinishReason.ToolCalls);
        calls.Select(call => (call.Key, call.Value.Id, call.Value.Name, call.Value.Arguments.ToString())).ShouldBe(
        [
            (0, "call_weather_paris_01", "get_weather", """{"city": "Paris"}"""),
            (1, "call_time_paris_02", "get_local_time", """{"timezone": "Europe/Paris"}"""),
        ]);
    }

    [Fact]
    public async Task Sdk_completion_with_logprobs_returns_the_upstreams_token_log_probabilities()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = WireFixtures.OpenAi("two-choices-logprobs.json") };

        ChatCompletion completion = await _relay.CreateChatClient().CompleteChatAsync([new UserChatMessage("Say hello")],
            new ChatCompletionOptions { IncludeLogProbabilities = true, TopLogProbabilityCount = 2 });

        _relay.UpstreamRequest.GetProperty("logprobs").GetBoolean().ShouldBeTrue();
        _relay.UpstreamRequest.GetProperty("top_logprobs").GetInt32().ShouldBe(2);
        completion.ContentTokenLogProbabilities.Select(token => token.Token).ShouldBe(["Hello", "!"]);
        completion.ContentTokenLogProbabilities[0].LogProbability.ShouldBe(-0.31725305f);
        completion.ContentTokenLogProbabilities[0].TopLogProbabilities.Select(top => top.Token).ShouldBe(["Hello", "Hi"]);
    }

    [Fact]
    public async Task Sdk_conversation_with_a_tool_call_and_its_result_reaches_the_upstream_intact()
    {
        var toolCall = ChatToolCall.CreateFunctionToolCall("call_Dn2RJJSxzDm49vlVTehseJ0k", "get_weather", BinaryData.FromString("""{"city":"Paris"}"""));

        await _relay.CreateChatClient().CompleteChatAsync(
            [new UserChatMessage("What is the weather in Paris?"), new AssistantChatMessage([toolCall]), new ToolChatMessage(toolCall.Id, "18C")],
            WithWeatherTool());

        var messages = _relay.UpstreamRequest.GetProperty("messages");
        var sentCall = messages[1].GetProperty("tool_calls").EnumerateArray().ShouldHaveSingleItem();
        sentCall.GetProperty("id").GetString().ShouldBe("call_Dn2RJJSxzDm49vlVTehseJ0k");
        sentCall.GetProperty("type").GetString().ShouldBe("function");
        sentCall.GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
        sentCall.GetProperty("function").GetProperty("arguments").GetString().ShouldBe("""{"city":"Paris"}""");
        messages[2].GetProperty("role").GetString().ShouldBe("tool");
        messages[2].GetProperty("tool_call_id").GetString().ShouldBe("call_Dn2RJJSxzDm49vlVTehseJ0k");
        JsonSerializer.Serialize(messages[2].GetProperty("content")).ShouldContain("18C");
        _relay.UpstreamRequest.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString().ShouldBe("get_weather");
    }

    private static ChatCompletionOptions WithWeatherTool() => new() { Tools = { WeatherTool } };

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
