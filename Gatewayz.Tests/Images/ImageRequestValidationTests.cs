using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Images;

/// <summary>What <c>/v1/images/generations</c> refuses before any upstream is asked.</summary>
public sealed class ImageRequestValidationTests : IDisposable
{
    private const string Path = "/v1/images/generations";
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData("""{"prompt":"x"}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"M"}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"model":"M","prompt":""}""", "prompt", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","stream":true}""", "stream", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","partial_images":2}""", "partial_images", "invalid_value")]
    [InlineData("""{"model":"M","prompt":["x"]}""", "prompt", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","n":0}""", "n", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","n":11}""", "n", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","n":"2"}""", "n", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":"big"}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":"0x512"}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":"512x"}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":"512X512"}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":"99999x512"}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","size":512}""", "size", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","response_format":"png"}""", "response_format", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","quality":1}""", "quality", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","style":true}""", "style", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","user":42}""", "user", "invalid_value")]
    public async Task A_malformed_body_is_a_400_naming_the_field(string body, string param, string code)
    {
        using var response = await _gateway.PostJsonAsync(Path, body.Replace("\"M\"", "\"openai/dall-e-3\""));

        await ErrorJson.ShouldBeOpenAiError(response, 400, code);
        (await JsonPosts.ErrorParamAsync(response)).ShouldBe(param);
    }

    [Fact]
    public async Task Images_of_a_chat_model_are_a_400_naming_the_model_and_what_it_serves()
    {
        using var response = await _gateway.PostJsonAsync(Path, """{"model":"openai/gpt-4o","prompt":"x"}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "model_not_supported");
        text.ShouldContain("'openai/gpt-4o'");
        text.ShouldContain("chat (/v1/chat/completions, /v1/messages)");
    }

    [Fact]
    public async Task Without_a_key_images_are_a_401()
    {
        using var response = await _gateway.PostJsonAsync(Path, """{"model":"openai/dall-e-3","prompt":"x"}""", apiKey: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
