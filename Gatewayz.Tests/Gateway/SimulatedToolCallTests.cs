using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The simulated providers call function tools as an OpenAI upstream does — decided by <c>tool_choice</c>,
/// <c>parallel_tool_calls</c> and the tools the user names, with arguments made up from each tool's schema —
/// and the official OpenAI SDK reads the calls, whole or streamed in fragments.
/// </summary>
public sealed class SimulatedToolCallTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private const string Model = "openai/gpt-4o-mini";

    private const string WeatherSchema = """
        {"type":"object","properties":{
            "city":{"type":"string","description":"City name"},
            "unit":{"type":"string","enum":["celsius","fahrenheit"]},
            "days":{"type":"integer","minimum":1,"maximum":7},
            "hourly":{"type":"boolean"},
            "tags":{"type":"array","items":{"type":"string"}},
            "where":{"type":"object","properties":{"lat":{"type":"number"},"lon":{"type":"number"}},"required":["lat","lon"]}},
         "required":["city","unit","days"],"additionalProperties":false}
        """;

    private const string TimeSchema = """{"type":"object","properties":{"timezone":{"type":"string"}},"required":["timezone"]}""";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Named_tool_choice_calls_that_function_with_arguments_satisfying_its_schema(bool stream)
    {
        var answer = await AskAsync("What should I wear tomorrow?", stream, ChatToolChoice.CreateFunctionChoice("get_weather"));

        var call = answer.Calls.ShouldHaveSingleItem();
        call.Id.ShouldMatch("^call_[0-9a-f]{24}$");
        call.Name.ShouldBe("get_weather");
        ShouldSatisfyWeatherSchema(call.Arguments);
        answer.Text.ShouldBeEmpty();
        answer.Finish.ShouldBe(ChatFinishReason.ToolCalls);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Auto_tool_choice_calls_the_tool_the_user_mentions(bool stream)
    {
        var answer = await AskAsync("Please use get_time for Tokyo", stream);

        var call = answer.Calls.ShouldHaveSingleItem();
        call.Name.ShouldBe("get_time");
        JsonDocument.Parse(call.Arguments).RootElement.GetProperty("timezone").GetString().ShouldNotBeNullOrEmpty();
        answer.Finish.ShouldBe(ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task Streamed_tool_call_starts_with_its_id_and_name_then_streams_its_arguments_in_fragments()
    {
        var fragments = new List<StreamingChatToolCallUpdate>();
        var client = fixture.Gateway.CreateChatClient(Model);

        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("call get_weather for Oslo")], Options()))
            fragments.AddRange(update.ToolCallUpdates);

        fragments.ShouldAllBe(fragment => fragment.Index == 0);
        fragments[0].ToolCallId.ShouldStartWith("call_");
        fragments[0].FunctionName.ShouldBe("get_weather");
        fragments[0].FunctionArgumentsUpdate.ToString().ShouldBeEmpty();
        var arguments = fragments.Skip(1).Select(fragment => fragment.FunctionArgumentsUpdate.ToString()).ToList();
        arguments.Count.ShouldBe(3);
        arguments.ShouldAllBe(piece => piece.Length > 0);
        fragments.Skip(1).ShouldAllBe(fragment => fragment.ToolCallId == null && fragment.FunctionName == null);
        ShouldSatisfyWeatherSchema(string.Concat(arguments));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Several_mentioned_tools_are_called_in_parallel_in_the_order_the_user_names_them(bool stream)
    {
        var answer = await AskAsync("First get_time in Lima, then GET_WEATHER there.", stream);

        answer.Calls.Select(call => call.Name).ShouldBe(["get_time", "get_weather"]);
        answer.Calls.Select(call => call.Id).Distinct().Count().ShouldBe(2);
        JsonDocument.Parse(answer.Calls[0].Arguments).RootElement.GetProperty("timezone").ValueKind.ShouldBe(JsonValueKind.String);
        ShouldSatisfyWeatherSchema(answer.Calls[1].Arguments);
        answer.Finish.ShouldBe(ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task Parallel_tool_calls_false_calls_only_the_first_mentioned_tool()
    {
        var answer = await AskAsync("First get_time in Lima, then get_weather there.", stream: false, parallel: false);

        answer.Calls.ShouldHaveSingleItem().Name.ShouldBe("get_time");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tool_choice_none_answers_with_text_though_the_user_mentions_a_tool(bool stream)
    {
        var answer = await AskAsync("Use get_weather for Rome", stream, ChatToolChoice.CreateNoneChoice());

        answer.Calls.ShouldBeEmpty();
        answer.Text.ShouldNotBeNullOrWhiteSpace();
        answer.Finish.ShouldBeOneOf(ChatFinishReason.Stop, ChatFinishReason.Length);
    }

    [Fact]
    public async Task Auto_tool_choice_answers_with_text_when_no_tool_is_mentioned()
    {
        var answer = await AskAsync("Tell me a story", stream: false, ChatToolChoice.CreateAutoChoice());

        answer.Calls.ShouldBeEmpty();
        answer.Text.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task Tool_choice_required_calls_the_first_tool_when_none_is_mentioned()
    {
        var answer = await AskAsync("Tell me a story", stream: false, ChatToolChoice.CreateRequiredChoice());

        answer.Calls.ShouldHaveSingleItem().Name.ShouldBe("get_weather");
        answer.Finish.ShouldBe(ChatFinishReason.ToolCalls);
    }

    [Fact]
    public async Task Tool_results_after_the_question_are_answered_with_text()
    {
        var first = await AskAsync("Use get_weather for Paris", stream: false);
        var call = first.Calls.ShouldHaveSingleItem();

        var answer = await AskAsync(stream: false, messages:
        [
            new UserChatMessage("Use get_weather for Paris"),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall(call.Id, call.Name, BinaryData.FromString(call.Arguments))]),
            new ToolChatMessage(call.Id, """{"temperature":21}"""),
        ]);

        answer.Calls.ShouldBeEmpty();
        answer.Text.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Seeded_simulator_repeats_tool_call_ids_and_arguments(bool stream)
    {
        var first = await AskAsync("Compare get_weather and get_time for Cairo", stream);
        var second = await AskAsync("Compare get_weather and get_time for Cairo", stream);

        first.Calls.Count.ShouldBe(2);
        second.Calls.ShouldBe(first.Calls);
    }

    private sealed record Call(string Id, string Name, string Arguments);

    private sealed record Answer(List<Call> Calls, string Text, ChatFinishReason? Finish);

    private static ChatCompletionOptions Options(ChatToolChoice? choice = null, bool? parallel = null)
    {
        var options = new ChatCompletionOptions
        {
            Tools =
            {
                ChatTool.CreateFunctionTool("get_weather", "The weather forecast for a city", BinaryData.FromString(WeatherSchema)),
                ChatTool.CreateFunctionTool("get_time", "The time in a time zone", BinaryData.FromString(TimeSchema)),
            },
            AllowParallelToolCalls = parallel,
        };
        if (choice is not null)
            options.ToolChoice = choice;
        return options;
    }

    /// <summary>Asks through the SDK, whole or streamed; a streamed answer's tool-call fragments are assembled by index.</summary>
    private async Task<Answer> AskAsync(string prompt = "", bool stream = false, ChatToolChoice? choice = null, bool? parallel = null, List<ChatMessage>? messages = null)
    {
        var client = fixture.Gateway.CreateChatClient(Model);
        messages ??= [new UserChatMessage(prompt)];
        if (!stream)
        {
            ChatCompletion completion = await client.CompleteChatAsync(messages, Options(choice, parallel));
            return new Answer(
                [.. completion.ToolCalls.Select(call => new Call(call.Id, call.FunctionName, call.FunctionArguments.ToString()))],
                string.Concat(completion.Content.Select(part => part.Text)),
                completion.FinishReason);
        }

        var calls = new SortedDictionary<int, (string? Id, string? Name, StringBuilder Arguments)>();
        var text = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, Options(choice, parallel)))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            foreach (var fragment in update.ToolCallUpdates)
            {
                var call = calls.TryGetValue(fragment.Index, out var seen) ? seen : (null, null, new StringBuilder());
                calls[fragment.Index] = (call.Id ?? fragment.ToolCallId, call.Name ?? fragment.FunctionName, call.Arguments.Append(fragment.FunctionArgumentsUpdate?.ToString()));
            }
            finish ??= update.FinishReason;
        }
        return new Answer([.. calls.Values.Select(call => new Call(call.Id!, call.Name!, call.Arguments.ToString()))], text.ToString(), finish);
    }

    /// <summary>Valid JSON with every required property, each of its schema's type; the enum's first value.</summary>
    private static void ShouldSatisfyWeatherSchema(string arguments)
    {
        var json = JsonDocument.Parse(arguments).RootElement;
        json.GetProperty("city").GetString().ShouldNotBeNullOrEmpty();
        json.GetProperty("unit").GetString().ShouldBe("celsius");
        json.GetProperty("days").GetInt32().ShouldBeInRange(1, 7);
        json.GetProperty("hourly").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
        json.GetProperty("tags").EnumerateArray().ShouldHaveSingleItem().ValueKind.ShouldBe(JsonValueKind.String);
        json.GetProperty("where").GetProperty("lat").ValueKind.ShouldBe(JsonValueKind.Number);
        json.GetProperty("where").GetProperty("lon").ValueKind.ShouldBe(JsonValueKind.Number);
        json.EnumerateObject().Count().ShouldBe(6);
    }
}
