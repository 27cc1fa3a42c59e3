using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// A <c>/v1/messages</c> request with a block the gateway does not translate, or a malformed one, gets a
/// 400 in Anthropic's error format whose message names the JSON path, and never reaches the upstream.
/// </summary>
public sealed class AnthropicUntranslatableRequestTests : IAsyncLifetime
{
    private RelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await RelayGateway.StartAsync();

    public static TheoryData<string, string> Requests => new()
    {
        {
            """[{"role":"user","content":[{"type":"text","text":"Summarise"},{"type":"document","source":{"type":"url","url":"https://example.com/a.pdf"}}]}]""",
            "messages[0].content[1].type"
        },
        {
            """[{"role":"user","content":"Weather?"},{"role":"assistant","content":[{"type":"tool_use","name":"get_weather","input":{"city":"Paris"}}]}]""",
            "messages[1].content[0].id"
        },
        {
            """[{"role":"user","content":[{"type":"image","source":{"type":"file","file_id":"file_011CNha8iCJcU1wXNR6q4V8w"}}]}]""",
            "messages[0].content[0].source.type"
        },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_request_is_refused_in_anthropics_format_naming_the_path(string messages, string path)
    {
        using var client = _relay.Gateway.CreateHttpClient();

        var response = await client.PostAsync("/v1/messages", new StringContent(
            $$"""{"model":"{{RelayGateway.Model}}","max_tokens":64,"messages":{{messages}}}""", System.Text.Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        await ShouldBeAnthropicError(response, 400, "invalid_request_error");
        body.ShouldContain($"'{path}'");
        _relay.Upstream.ChatRequestCount.ShouldBe(0);
    }

    public async Task DisposeAsync() => await _relay.DisposeAsync();
}
