using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The official Anthropic .NET SDK's tools, tool choice and tool-use history reach an OpenAI-compatible
/// upstream as OpenAI's tools, tool_choice, assistant tool_calls and tool messages.
/// </summary>
public sealed class AnthropicSdkToolUseTests : IAsyncLifetime
{
    private static readonly Tool WeatherTool = AnthropicTools.Weather;

    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Fact]
    public async Task Tools_and_a_named_tool_choice_reach_the_upstream_as_openai_functions()
    {
        await _relay.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = RelayGateway.Model,
            MaxTokens = 64,
            Tools = [WeatherTool],
            ToolChoice = new ToolChoiceTool { Name = "get_weather", DisableParallelToolUse = true },
            Messages = [new UserMessageParam { Content = "What is the weather in Paris?" }],
        });

        var upstream = _relay.UpstreamRequest;
        upstream.GetProperty("tools").ShouldBeJson("""
            [{"type":"function","function":{"name":"get_weather","description":"The weather in a city.",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]
            """);
        upstream.GetProperty("tool_choice").ShouldBeJson("""{"type":"function","function":{"name":"get_weather"}}""");
        upstream.GetProperty("parallel_tool_calls").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Tool_use_and_its_result_reach_the_upstream_as_assistant_tool_calls_followed_by_a_tool_message()
    {
        await SendHistoryAsync(toolResult: "18C and sunny");

        _relay.UpstreamRequest.GetProperty("messages").ShouldBeJson("""
            [{"role":"user","content":"What is the weather in Paris?"},
             {"role":"assistant","content":"Let me look that up.","tool_calls":[
               {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
             {"role":"tool","tool_call_id":"toolu_01","content":"18C and sunny"}]
            """);
    }

    [Fact]
    public async Task A_tool_result_of_text_blocks_reaches_the_upstream_as_one_tool_message_before_the_users_text()
    {
        await SendHistoryAsync(
            toolResult: new List<Block> { new TextBlockParam { Text = "18C" }, new TextBlockParam { Text = "sunny" } },
            afterResult: new TextBlockParam { Text = "And tomorrow?" });

        var messages = _relay.UpstreamRequest.GetProperty("messages");
        messages[2].ShouldBeJson("""{"role":"tool","tool_call_id":"toolu_01","content":"18C\nsunny"}""");
        messages[3].ShouldBeJson("""{"role":"user","content":"And tomorrow?"}""");
        messages.GetArrayLength().ShouldBe(4);
    }

    /// <summary>A question, the assistant's text and tool call, and the user's turn with the tool's result.</summary>
    private async Task SendHistoryAsync(ToolResultBlockParamContent toolResult, TextBlockParam? afterResult = null)
    {
        List<ContentBlockParam> resultTurn = [new ToolResultBlockParam { ToolUseID = "toolu_01", Content = toolResult }];
        if (afterResult is not null) resultTurn.Add(afterResult);

        await _relay.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = RelayGateway.Model,
            MaxTokens = 64,
            Tools = [WeatherTool],
            Messages =
            [
                new UserMessageParam { Content = "What is the weather in Paris?" },
                new AssistantMessageParam
                {
                    Content = new List<ContentBlockParam>
                    {
                        new TextBlockParam { Text = "Let me look that up." },
                        new ToolUseBlockParam { ID = "toolu_01", Name = "get_weather", Input = new Dictionary<string, JsonElement> { ["city"] = JsonElement.Parse("\"Paris\"") } },
                    },
                },
                new UserMessageParam { Content = resultTurn },
            ],
        });
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
