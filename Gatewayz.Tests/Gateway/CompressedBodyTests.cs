using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.Compression;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Request bodies sent compressed (gzip, deflate, br) are answered like plain ones; the body limit
/// applies to the decompressed body, and an encoding the gateway cannot read is refused with 415.
/// </summary>
public sealed class CompressedBodyTests : IDisposable
{
    private const int Limit = 4096;
    private const string Chat = "/v1/chat/completions";
    private const string Messages = "/v1/messages";

    private readonly GatewayHost _gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:MaxRequestBodyBytes"] = Limit.ToString() });

    [Theory]
    [InlineData("gzip", Chat)]
    [InlineData("deflate", Chat)]
    [InlineData("br", Chat)]
    [InlineData("gzip", Messages)]
    [InlineData("deflate", Messages)]
    [InlineData("BR", Messages)]
    public async Task Compressed_body_is_answered(string encoding, string path)
    {
        var response = await PostAsync(path, Compress(encoding, Body(path, "hello")), encoding);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        using var json = JsonDocument.Parse(text);
        json.RootElement.TryGetProperty(path == Chat ? "choices" : "content", out _).ShouldBeTrue(text);
    }

    [Fact]
    public async Task Identity_encoding_is_the_plain_body()
    {
        var response = await PostAsync(Chat, Encoding.UTF8.GetBytes(Body(Chat, "hello")), "identity");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("gzip", Chat)]
    [InlineData("deflate", Chat)]
    [InlineData("br", Messages)]
    public async Task Decompression_bomb_is_413_in_the_api_format(string encoding, string path)
    {
        // 2 MB of JSON that compresses to about 2 KB: under the limit as sent, 500 times over it decompressed.
        var bomb = Compress(encoding, Body(path, new string('x', 2 * 1024 * 1024)));
        bomb.Length.ShouldBeLessThan(Limit);

        var response = await PostAsync(path, bomb, encoding);

        if (path == Chat)
            await ShouldBeOpenAiError(response, 413, "request_too_large");
        else
            await ShouldBeAnthropicError(response, 413, "request_too_large");
        (await PostAsync(path, Compress(encoding, Body(path, "still there?")), encoding)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("zstd")]
    [InlineData("compress")]
    [InlineData("x-garbage")]
    [InlineData("gzip, br")]
    public async Task Unknown_encoding_is_415_in_the_api_format(string encoding)
    {
        var body = Encoding.UTF8.GetBytes(Body(Chat, "hello"));

        await ShouldBeOpenAiError(await PostAsync(Chat, body, encoding), 415, "unsupported_content_encoding");
        await ShouldBeAnthropicError(await PostAsync(Messages, body, encoding), 415, "invalid_request_error");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    public async Task Body_that_is_not_valid_compressed_data_is_400(string encoding)
    {
        var garbage = Enumerable.Range(0, 512).Select(i => (byte)(i * 37 + 11)).ToArray();

        await ShouldBeOpenAiError(await PostAsync(Chat, garbage, encoding), 400, "invalid_content_encoding");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, byte[] body, string encoding)
    {
        using var client = _gateway.CreateHttpClient();
        return await client.PostAsync(path, EncodedJson(body, encoding));
    }

    private static string Body(string path, string text) => path == Chat
        ? JsonSerializer.Serialize(new { model = ChatRequests.Model, messages = new[] { new { role = "user", content = text } } })
        : JsonSerializer.Serialize(new { model = ChatRequests.Model, max_tokens = 16, messages = new[] { new { role = "user", content = text } } });

    public void Dispose() => _gateway.Dispose();
}
