using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A non-streamed answer of an OpenAI-compatible upstream reaches an OpenAI client as the upstream sent
/// it: every field, known to the gateway or not, with its value. Only <c>id</c> and <c>model</c> are the
/// gateway's own.
/// </summary>
public sealed class PassThroughRelayTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    [Theory]
    // content null, one tool call, finish_reason tool_calls, usage details, service_tier, system_fingerprint
    [InlineData("tool-call.json")]
    [InlineData("parallel-tool-calls.json")]
    // n:2 with logprobs and top_logprobs, finish reasons stop and length
    [InlineData("two-choices-logprobs.json")]
    [InlineData("refusal.json")]
    // DeepSeek's reasoning_content and its usage fields
    [InlineData("reasoning-content.json")]
    // OpenRouter's reasoning, reasoning_details, native_finish_reason and provider
    [InlineData("reasoning.json")]
    // invented fields at the top, in a choice, in a message and in usage
    [InlineData("unknown-fields.json")]
    public async Task Non_streamed_answer_reaches_the_client_as_the_upstream_sent_it_except_id_and_model(string fixture)
    {
        var upstreamBody = WireFixtures.OpenAi(fixture);
        _relay.Upstream.Behavior = new UpstreamBehavior { RawBody = upstreamBody };

        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody());

        status.ShouldBe(HttpStatusCode.OK);
        RelayAssert.CompletionRelayed(upstreamBody, body);
    }

    [Fact]
    public async Task Gateway_answers_with_its_own_id_and_the_model_the_client_asked_for()
    {
        var (status, body) = await _relay.PostChatAsync(RelayGateway.ChatBody());

        status.ShouldBe(HttpStatusCode.OK);
        _relay.UpstreamRequest.GetProperty("model").GetString().ShouldBe(RelayGateway.UpstreamModel);
        using var answer = JsonDocument.Parse(body);
        answer.RootElement.GetProperty("id").GetString().ShouldStartWith("chatcmpl-");
        answer.RootElement.GetProperty("id").GetString().ShouldNotBe("chatcmpl-upstream");
        answer.RootElement.GetProperty("model").GetString().ShouldBe(RelayGateway.Model);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
