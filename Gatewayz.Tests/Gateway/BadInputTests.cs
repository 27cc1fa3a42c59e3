using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>Every bad input gets a clear error in the API's own format with the right status, and changes nothing.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string ValidChat = """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";
    private const string ValidMessages = """{"model":"openai/gpt-4o-mini","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

    private readonly GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:MaxRequestBodyBytes"] = "4096" });

    public static TheoryData<string, int, string> BadChatBodies => new()
    {
        { "{not json", 400, "invalid_json" },
        { "", 400, "invalid_json" },
        { "[1,2,3]", 400, "invalid_json" },
        { """{"messages":[{"role":"user","content":"hi"}]}""", 400, "missing_required_parameter" },
        { """{"model":"openai/gpt-4o-mini"}""", 400, "missing_required_parameter" },
        { """{"model":"openai/gpt-4o-mini","messages":[]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","messages":"hi"}""", 400, "invalid_value" },
        { """{"model":42,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","messages":[{"role":"wizard","content":"hi"}]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","messages":[{"content":"hi"}]}""", 400, "missing_required_parameter" },
        { """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":{"a":1}}]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","stream":"yes","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","max_tokens":-5,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_value" },
        { """{"model":"openai/gpt-4o-mini","temperature":7,"messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_value" },
        { """{"model":"no-such/model","messages":[{"role":"user","content":"hi"}]}""", 404, "model_not_found" },
    };

    [Theory]
    [MemberData(nameof(BadChatBodies))]
    public async Task Bad_chat_request_gets_an_openai_error(string body, int status, string code)
    {
        var response = await PostAsync("/v1/chat/completions", body);

        await ShouldBeOpenAiError(response, status, code);
    }

    public static TheoryData<string, int, string> BadMessagesBodies => new()
    {
        { "{not json", 400, "invalid_request_error" },
        { """{"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""", 400, "invalid_request_error" },
        { """{"model":"openai/gpt-4o-mini","max_tokens":10,"messages":[{"role":"system","content":"hi"}]}""", 400, "invalid_request_error" },
        { """{"model":"openai/gpt-4o-mini","max_tokens":10,"messages":[{"role":"user"}]}""", 400, "invalid_request_error" },
        { """{"model":"unknown","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""", 404, "not_found_error" },
    };

    [Theory]
    [MemberData(nameof(BadMessagesBodies))]
    public async Task Bad_messages_request_gets_an_anthropic_error(string body, int status, string type)
    {
        var response = await PostAsync("/v1/messages", body);

        await ShouldBeAnthropicError(response, status, type);
    }

    [Fact]
    public async Task Missing_key_is_401_in_each_format()
    {
        await ShouldBeOpenAiError(await PostAsync("/v1/chat/completions", ValidChat, apiKey: null), 401, "missing_api_key");
        await ShouldBeAnthropicError(await PostAsync("/v1/messages", ValidMessages, apiKey: null), 401, "authentication_error");
    }

    [Fact]
    public async Task Wrong_key_is_401_in_each_format()
    {
        await ShouldBeOpenAiError(await PostAsync("/v1/chat/completions", ValidChat, apiKey: "gwz-not-a-real-key-999"), 401, "invalid_api_key");
        await ShouldBeAnthropicError(await PostAsync("/v1/messages", ValidMessages, apiKey: "gwz-not-a-real-key-999"), 401, "authentication_error");
    }

    [Fact]
    public async Task Anthropic_clients_may_send_the_key_as_x_api_key()
    {
        using var client = _gateway.CreateHttpClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages") { Content = new StringContent(ValidMessages, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", GatewayHost.DevelopmentKey);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, byte[]> GarbageKeyHeaders => new()
    {
        { "/v1/chat/completions", "Authorization", Encoding.ASCII.GetBytes("Bearer %%%not-a-key!!") },
        { "/v1/chat/completions", "Authorization", Encoding.ASCII.GetBytes("Basic Zm9vOmJhcg==") },
        { "/v1/chat/completions", "Authorization", Encoding.ASCII.GetBytes("Bearer " + new string('k', 8000)) },
        { "/v1/chat/completions", "Authorization", Encoding.ASCII.GetBytes(@"Bearer \ud83d") },
        { "/v1/chat/completions", "Authorization", [.. "Bearer "u8, 0xFF, 0xFE, 0xC3, 0x28] },
        { "/v1/messages", "x-api-key", Encoding.ASCII.GetBytes("%%%not-a-key!!") },
        { "/v1/messages", "x-api-key", [0xED, 0xA0, 0xBD, 0xFF] },
    };

    /// <summary>Sent over a bare socket: HTTP clients refuse header values that are not ASCII.</summary>
    [Theory]
    [MemberData(nameof(GarbageKeyHeaders))]
    public async Task Garbage_key_header_is_rejected_without_a_server_error(string path, string header, byte[] value)
    {
        var body = path == "/v1/messages" ? ValidMessages : ValidChat;
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n{header}: ";
        byte[] request = [.. Encoding.ASCII.GetBytes(head), .. value, .. "\r\n\r\n"u8, .. Encoding.ASCII.GetBytes(body)];

        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(_gateway.BaseUrl.Host, _gateway.BaseUrl.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(request);
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();

        var status = int.Parse(response.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        status.ShouldBe(401, response);
        MetricsText.Sum(await _gateway.ScrapeMetricsAsync(), "gatewayz_http_requests_total", ("status_code", "500")).ShouldBe(0);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_declared_or_not()
    {
        var big = ValidChat.Replace("\"hi\"", "\"" + new string('x', 8000) + "\"");

        await ShouldBeOpenAiError(await PostAsync("/v1/chat/completions", big), 413, "request_too_large");

        using var client = _gateway.CreateHttpClient();
        using var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await ShouldBeOpenAiError(await client.SendAsync(request), 413, "request_too_large");
    }

    [Fact]
    public async Task Unknown_path_is_404_without_a_stack_trace()
    {
        using var client = _gateway.CreateHttpClient();

        var response = await client.GetAsync("/v1/../../etc/passwd?x=%00");

        await ShouldBeOpenAiError(response, 404, "not_found");
    }

    [Fact]
    public async Task Bad_requests_leave_the_gateway_serving()
    {
        for (var i = 0; i < 20; i++)
            await PostAsync("/v1/chat/completions", "{\"model\":" + new string('[', i * 10));

        var response = await PostAsync("/v1/chat/completions", ValidChat);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total").ShouldBe(1);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string? apiKey = GatewayHost.DevelopmentKey)
    {
        using var client = _gateway.CreateHttpClient(apiKey);
        return await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
    }

    public void Dispose() => _gateway.Dispose();
}
