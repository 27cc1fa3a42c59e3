using System.Text.Json;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The Anthropic SDK's tool-use loop — ask, get a <c>tool_use</c>, send its <c>tool_result</c>, get the
/// answer — works through the gateway against the embedded simulated providers, which speak OpenAI's
/// format: every step crosses the translation both ways.
/// </summary>
public sealed class AnthropicToolUseLoopTests : IDisposable
{
    private const string Model = "anthropic/claude-3-5-haiku";

    private static readonly Tool WeatherTool = AnthropicTools.Weather;

    private readonly GatewayHost _gateway = GatewayHost.Start();

    [Fact]
    public async Task Ask_tool_use_tool_result_answer()
    {
        var client = _gateway.CreateAnthropicClient();
        MessageParam question = new UserMessageParam { Content = "Use get_weather for Paris, please." };

        var first = await client.Messages.Create(new MessageCreateParams { Model = Model, MaxTokens = 200, Tools = [WeatherTool], Messages = [question] });

        first.Content.ShouldHaveSingleItem().TryPickToolUse(out var toolUse).ShouldBeTrue();
        toolUse!.Name.ShouldBe("get_weather");
        toolUse.Input.ShouldContainKey("city");

        var answer = await client.Messages.Create(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 200,
            Tools = [WeatherTool],
            Messages =
            [
                question,
                new AssistantMessageParam
                {
                    Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input } },
                },
                new UserMessageParam
                {
                    Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = toolUse.ID, Content = "18C and sunny" } },
                },
            ],
        });

        answer.Content.ShouldNotBeEmpty();
        answer.Content.All(block => block.TryPickText(out var text) && text!.Text.Length > 0).ShouldBeTrue();
    }

    [Fact]
    public async Task Streamed_tool_use_assembles_through_the_sdk()
    {
        var client = _gateway.CreateAnthropicClient();
        var arguments = new System.Text.StringBuilder();
        string? name = null;

        await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 200,
            Tools = [WeatherTool],
            Messages = [new UserMessageParam { Content = "Use get_weather for Paris, please." }],
        }))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var toolUse))
                name = toolUse.Name;
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
                arguments.Append(json.PartialJson);
        }

        name.ShouldBe("get_weather");
        JsonDocument.Parse(arguments.ToString()).RootElement.TryGetProperty("city", out _).ShouldBeTrue();
    }

    public void Dispose() => _gateway.Dispose();
}
