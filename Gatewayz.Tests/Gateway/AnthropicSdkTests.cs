using System.Text;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>The official Anthropic .NET SDK works against <c>/v1/messages</c> with only its base URL and key changed.</summary>
public sealed class AnthropicSdkTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start();

    [Fact]
    public async Task Message_returns_a_text_block_and_usage()
    {
        var client = _gateway.CreateAnthropicClient();

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = "anthropic/claude-3-5-haiku",
            MaxTokens = 20,
            Messages = [new UserMessageParam { Content = "Hello there" }],
        });

        message.Content.ShouldHaveSingleItem().TryPickText(out var text).ShouldBeTrue();
        text!.Text.ShouldNotBeNullOrWhiteSpace();
        message.Usage.InputTokens.ShouldBeGreaterThan(0);
        message.Usage.OutputTokens.ShouldBeInRange(1, 20);
    }

    [Fact]
    public async Task Streaming_message_delivers_text_deltas_and_a_stop_reason()
    {
        var client = _gateway.CreateAnthropicClient();
        var text = new StringBuilder();
        var sawStop = false;
        long? outputTokens = null;

        await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = "deepseek/deepseek-v3",
            MaxTokens = 25,
            Messages = [new UserMessageParam { Content = "Stream to me" }],
        }))
        {
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
                text.Append(textDelta.Text);
            if (streamEvent.TryPickDelta(out var messageDelta))
                outputTokens = messageDelta.Usage.OutputTokens;
            if (streamEvent.TryPickStop(out _))
                sawStop = true;
        }

        text.ToString().ShouldNotBeNullOrWhiteSpace();
        outputTokens.ShouldBe(text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        sawStop.ShouldBeTrue();
    }

    public void Dispose() => _gateway.Dispose();
}
