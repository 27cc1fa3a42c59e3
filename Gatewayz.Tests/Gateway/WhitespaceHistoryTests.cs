using System.Net;
using System.Text;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An OpenAI client's history with an assistant turn of whitespace and tool calls (as vLLM answers) reaches an
/// Anthropic upstream without a whitespace text block, which Anthropic refuses ("text content blocks must contain
/// non-whitespace text").
/// </summary>
public sealed class WhitespaceHistoryTests : IAsyncLifetime
{
    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Whitespace_beside_tool_calls_is_not_sent_as_a_text_block()
    {
        using var client = _relay.Gateway.CreateHttpClient();

        using var response = await client.PostAsync("/v1/chat/completions", new StringContent($$$"""
            {"model":"{{{AnthropicRelayGateway.Model}}}","messages":[
              {"role":"user","content":"Weather?"},
              {"role":"assistant","content":"\n\n","tool_calls":[{"id":"toolu_1","type":"function","function":{"name":"weather","arguments":"{}"}}]},
              {"role":"tool","tool_call_id":"toolu_1","content":"18C"}]}
            """, Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var assistant = _relay.Anthropic.LastMessageRequest.Body!.Value.GetProperty("messages")[1];
        assistant.GetProperty("content").EnumerateArray().Select(block => block.GetProperty("type").GetString()).ShouldBe(["tool_use"]);
    }
}
