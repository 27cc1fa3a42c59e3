using System.Net;
using Anthropic.Models.Messages;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The system prompt and the sampling and metadata options of an Anthropic request reach an
/// OpenAI-compatible upstream under their OpenAI names: through the official Anthropic .NET SDK where it
/// has them, as raw JSON for those it does not (<c>temperature</c>, <c>top_p</c>, <c>top_k</c>).
/// </summary>
public sealed class AnthropicRequestOptionsRelayTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Fact]
    public async Task Sdk_system_blocks_stop_sequences_and_user_id_reach_the_upstream_as_system_stop_and_user()
    {
        await _relay.CreateAnthropicClient().Messages.Create(new MessageCreateParams
        {
            Model = RelayGateway.Model,
            MaxTokens = 64,
            System = new List<TextBlockParam> { new() { Text = "You are a weather bot." }, new() { Text = "Answer in one sentence." } },
            StopSequences = ["END", "\n\nHuman:"],
            Metadata = new Metadata { UserID = "user-7" },
            Messages = [new UserMessageParam { Content = "Weather in Paris?" }],
        });

        _relay.UpstreamRequest.ShouldBeJson("""
            {"model":"relay-upstream-model","max_tokens":64,"stop":["END","\n\nHuman:"],"user":"user-7",
             "messages":[{"role":"system","content":"You are a weather bot.\nAnswer in one sentence."},{"role":"user","content":"Weather in Paris?"}]}
            """);
    }

    [Fact]
    public async Task Temperature_top_p_and_top_k_reach_the_upstream_and_a_stream_asks_for_usage()
    {
        _relay.Upstream.Behavior = new UpstreamBehavior { RawStream = WireFixtures.OpenAi("text.sse") };

        var (status, body) = await _relay.PostMessagesAsync($$"""
            {"model":"{{RelayGateway.Model}}","max_tokens":64,"stream":true,"temperature":0.3,"top_p":0.8,"top_k":20,
             "messages":[{"role":"user","content":"Weather in Paris?"}]}
            """);

        status.ShouldBe(HttpStatusCode.OK, body);
        _relay.UpstreamRequest.ShouldBeJson("""
            {"model":"relay-upstream-model","max_tokens":64,"temperature":0.3,"top_p":0.8,"top_k":20,
             "stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Weather in Paris?"}]}
            """);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
