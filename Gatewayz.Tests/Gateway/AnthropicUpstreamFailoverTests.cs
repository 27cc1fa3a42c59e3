using System.Net;
using System.Text;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Failures of an Anthropic upstream as clients of the other format see them: an in-band error event reaches an
/// OpenAI client as OpenAI's in-band error, and a model mixing kinds fails over across them for either client, streamed
/// or not (the Anthropic client on an Anthropic-first model is in <see cref="AnthropicUpstreamRelayTests"/>).
/// </summary>
public sealed class AnthropicUpstreamFailoverTests : IAsyncLifetime
{
    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task An_error_event_after_text_reaches_an_openai_client_as_an_in_band_error_after_that_text()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior { RawStream = WireFixtures.Anthropic("error-event.sse") };
        using var client = _relay.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{AnthropicRelayGateway.Model}}","stream":true,"messages":[{"role":"user","content":"Tell me a story"}]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var events = SseText.Data(body);
        events[^2].ShouldContain("\"content\":\"Once upon\"");
        // The upstream's type and message in OpenAI's error object; overloaded is a 503, a server_error.
        events[^1].ShouldBe("""{"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded_error"}}""");
        body.ShouldNotContain("[DONE]");
        body.ShouldNotContain("\"finish_reason\":\"stop\"");
    }

    [Theory]
    [InlineData(529, false)]
    [InlineData(529, true)]
    [InlineData(500, false)]
    [InlineData(500, true)]
    public async Task An_openai_client_is_served_by_the_openai_compatible_route_when_the_anthropic_one_fails(int status, bool stream)
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior
        {
            Status = status,
            ErrorBody = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
        };
        var chat = _relay.Gateway.CreateChatClient(AnthropicRelayGateway.FailoverModel);

        var text = new StringBuilder();
        if (stream)
        {
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Hi")]))
                foreach (var part in update.ContentUpdate) text.Append(part.Text);
        }
        else
        {
            ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hi")]);
            text.Append(completion.Content[0].Text);
        }

        text.ToString().ShouldBe("Hello from upstream");
        _relay.Anthropic.Requests.Count(request => request.Path == "/v1/messages").ShouldBe(1);
        _relay.OpenAi.ChatRequestCount.ShouldBe(1);
        _relay.OpenAi.Requests.Last().Body!.Value.GetProperty("model").GetString().ShouldBe(AnthropicRelayGateway.OpenAiUpstreamModel);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_anthropic_client_is_served_by_the_anthropic_route_when_the_openai_compatible_one_fails(bool stream)
    {
        _relay.OpenAi.Behavior = new UpstreamBehavior { Status = 500 };
        var client = _relay.CreateAnthropicClient();
        var ask = new MessageCreateParams
        {
            Model = AnthropicRelayGateway.OpenAiFirstModel,
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = "Hi" }],
        };

        var text = new StringBuilder();
        if (stream)
        {
            await foreach (var streamEvent in client.Messages.CreateStreaming(ask))
                if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta)) text.Append(textDelta.Text);
        }
        else
        {
            var message = await client.Messages.Create(ask);
            message.Content.ShouldHaveSingleItem().TryPickText(out var block).ShouldBeTrue();
            text.Append(block!.Text);
        }

        text.ToString().ShouldBe(stream ? "Hello from é Claude!" : "Hi! My name is Claude. ¿Cómo estás? 😀");
        _relay.OpenAi.ChatRequestCount.ShouldBe(1);
        var received = _relay.Anthropic.LastMessageRequest.Body!.Value;
        received.GetProperty("model").GetString().ShouldBe(AnthropicRelayGateway.UpstreamModel);
        (received.TryGetProperty("stream", out var streamed) && streamed.GetBoolean()).ShouldBe(stream);
    }
}
