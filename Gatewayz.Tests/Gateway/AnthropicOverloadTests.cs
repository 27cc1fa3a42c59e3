using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Anthropic's 529 <c>overloaded_error</c>, when no other route is left, reaches the client as what it is — 503
/// with the upstream's <c>overloaded_error</c> and message, which every client knows to retry — as when Anthropic
/// reports the overload inside a 200 stream, not as an anonymous 502.
/// </summary>
public sealed class AnthropicOverloadTests : IAsyncLifetime
{
    private AnthropicRelayGateway _relay = null!;

    public async Task InitializeAsync() => _relay = await AnthropicRelayGateway.StartAsync();

    public async Task DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task A_529_is_a_503_overloaded_error_with_the_upstreams_message()
    {
        _relay.Anthropic.Behavior = new UpstreamBehavior
        {
            Status = 529,
            ErrorBody = """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
        };

        var (status, body, _) = await _relay.PostMessagesAsync(AnthropicRelayGateway.MessagesBody());

        status.ShouldBe(HttpStatusCode.ServiceUnavailable, body);
        using var error = JsonDocument.Parse(body);
        error.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("overloaded_error");
        error.RootElement.GetProperty("error").GetProperty("message").GetString().ShouldBe("Overloaded");
    }
}
