using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Completions;

/// <summary>What <c>/v1/completions</c> refuses before any upstream is asked (raw HTTP: OpenAI's .NET SDK 2.x has no legacy completions client).</summary>
public sealed class LegacyCompletionsValidationTests : IDisposable
{
    private const string Path = "/v1/completions";
    private const string Instruct = "openai/gpt-3.5-turbo-instruct";
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData("""{"prompt":"x"}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"M"}""", "prompt", "missing_required_parameter")]
    [InlineData("""{"model":"M","prompt":[]}""", "prompt", "invalid_value")]
    [InlineData("""{"model":"M","prompt":{"text":"x"}}""", "prompt", "invalid_value")]
    [InlineData("""{"model":"M","prompt":["a",1]}""", "prompt[1]", "invalid_value")]
    [InlineData("""{"model":"M","prompt":[[1],["a"]]}""", "prompt[1][0]", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","max_tokens":-1}""", "max_tokens", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","temperature":3}""", "temperature", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","top_p":"1"}""", "top_p", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","n":0}""", "n", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","stop":["a","b","c","d","e"]}""", "stop", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","stop":["a",2]}""", "stop[1]", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","suffix":1}""", "suffix", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","echo":"yes"}""", "echo", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","logprobs":6}""", "logprobs", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","user":42}""", "user", "invalid_value")]
    [InlineData("""{"model":"M","prompt":"x","stream":"yes"}""", "stream", "invalid_value")]
    public async Task A_malformed_body_is_a_400_naming_the_field_by_its_path(string body, string param, string code)
    {
        using var response = await _gateway.PostJsonAsync(Path, body.Replace("\"M\"", $"\"{Instruct}\""));

        await ErrorJson.ShouldBeOpenAiError(response, 400, code);
        (await JsonPosts.ErrorParamAsync(response)).ShouldBe(param);
    }

    [Fact]
    public async Task A_streamed_completion_is_a_400_naming_stream_as_not_yet_supported()
    {
        using var response = await _gateway.PostJsonAsync(Path, $$"""{"model":"{{Instruct}}","prompt":"x","stream":true}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "invalid_value");
        (await JsonPosts.ErrorParamAsync(response)).ShouldBe("stream");
        text.ShouldContain("not yet supported");
    }

    [Fact]
    public async Task Completions_of_a_chat_model_are_a_400_naming_the_model()
    {
        using var response = await _gateway.PostJsonAsync(Path, """{"model":"openai/gpt-4o","prompt":"x"}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "model_not_supported");
        text.ShouldContain("'openai/gpt-4o'");
    }

    [Fact]
    public async Task Chat_completions_of_a_completions_model_are_a_400_naming_the_model()
    {
        using var response = await _gateway.PostJsonAsync("/v1/chat/completions", $$"""{"model":"{{Instruct}}","messages":[{"role":"user","content":"hi"}]}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "model_not_supported");
        text.ShouldContain($"'{Instruct}'");
        text.ShouldContain("completions (/v1/completions)");
    }
}
