using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// The gateway measures a relayed answer from the same bytes it relays: the upstream's usage when it
/// reports one, otherwise an estimate that counts everything the model produced, tool-call arguments included.
/// </summary>
public sealed class RelayAccountingTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Upstream_usage_of_a_tool_call_answer_is_what_the_gateway_counts(bool stream)
    {
        // Both recorded answers report prompt_tokens 11 and completion_tokens 3; the streaming client does not ask for usage.
        _relay.Upstream.Behavior = stream
            ? new UpstreamBehavior { RawStream = WireFixtures.OpenAi("tool-call-fragments.sse") }
            : new UpstreamBehavior { RawBody = WireFixtures.OpenAi("tool-call.json") };

        var (status, _) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream));

        status.ShouldBe(HttpStatusCode.OK);
        (await _relay.TokensUsedAsync("input")).ShouldBe(11);
        (await _relay.TokensUsedAsync("output")).ShouldBe(3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tool_call_answer_without_usage_is_charged_output_tokens_for_its_arguments(bool stream)
    {
        _relay.Upstream.Behavior = stream
            ? new UpstreamBehavior { RawStream = WireFixtures.WithoutUsageChunk(WireFixtures.OpenAi("tool-call-fragments.sse")) }
            : new UpstreamBehavior { RawBody = WireFixtures.WithoutUsage(WireFixtures.OpenAi("tool-call.json")) };

        var (status, _) = await _relay.PostChatAsync(RelayGateway.ChatBody(stream));

        status.ShouldBe(HttpStatusCode.OK);
        (await _relay.TokensUsedAsync("input")).ShouldBeGreaterThan(0);
        (await _relay.TokensUsedAsync("output")).ShouldBeGreaterThan(0, "the answer is a tool call whose arguments the model wrote");
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
