using System.Net;
using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Answers the framework makes on its own (no such route, wrong method) carry an error body in the API's
/// format like the gateway's own errors: Anthropic's under /v1/messages, OpenAI's everywhere else.
/// </summary>
public sealed class FrameworkErrorTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start();

    [Fact]
    public async Task Wrong_method_on_chat_completions_is_405_in_openai_format()
    {
        var response = await SendAsync(HttpMethod.Get, "/v1/chat/completions");

        await ShouldBeOpenAiError(response, 405, "method_not_allowed");
        response.Content.Headers.Allow.ShouldContain("POST");
    }

    [Fact]
    public async Task Wrong_method_on_messages_is_405_in_anthropic_format()
    {
        var response = await SendAsync(HttpMethod.Get, "/v1/messages");

        await ShouldBeAnthropicError(response, 405, "invalid_request_error");
    }

    [Fact]
    public async Task Options_without_cors_headers_is_405_in_openai_format()
    {
        await ShouldBeOpenAiError(await SendAsync(HttpMethod.Options, "/v1/chat/completions"), 405, "method_not_allowed");
        await ShouldBeOpenAiError(await SendAsync(HttpMethod.Delete, "/v1/models"), 405, "method_not_allowed");
    }

    [Fact]
    public async Task Unknown_path_is_404_in_the_format_of_its_api()
    {
        await ShouldBeOpenAiError(await SendAsync(HttpMethod.Get, "/v1/no-such-thing"), 404, "not_found");
        await ShouldBeAnthropicError(await SendAsync(HttpMethod.Post, "/v1/messages/batches"), 404, "not_found_error");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var client = _gateway.CreateHttpClient();
        return await client.SendAsync(new HttpRequestMessage(method, path));
    }

    public void Dispose() => _gateway.Dispose();
}
