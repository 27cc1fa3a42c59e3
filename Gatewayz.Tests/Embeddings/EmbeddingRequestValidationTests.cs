using System.ClientModel;
using System.Net;
using System.Text;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;
using static Gatewayz.Tests.Embeddings.EmbeddingTestRequests;

namespace Gatewayz.Tests.Embeddings;

/// <summary>What <c>/v1/embeddings</c> refuses before any upstream is asked, and models used on the wrong endpoint.</summary>
public sealed class EmbeddingRequestValidationTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData("""{"input":"x"}""", "model", "missing_required_parameter")]
    [InlineData("""{"model":"M"}""", "input", "missing_required_parameter")]
    [InlineData("""{"model":"M","input":""}""", "input", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","stream":true}""", "stream", "invalid_value")]
    [InlineData("""{"model":"M","input":[]}""", "input", "invalid_value")]
    [InlineData("""{"model":"M","input":{"text":"x"}}""", "input", "invalid_value")]
    [InlineData("""{"model":"M","input":[{"text":"x"}]}""", "input[0]", "invalid_value")]
    [InlineData("""{"model":"M","input":["a",""]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":["a",1]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":[1,-2]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":[1,2.5]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":[[1],[]]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":[[1],["a"]]}""", "input[1][0]", "invalid_value")]
    [InlineData("""{"model":"M","input":[[1],2]}""", "input[1]", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","dimensions":0}""", "dimensions", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","dimensions":"x"}""", "dimensions", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","dimensions":1.5}""", "dimensions", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","encoding_format":"hex"}""", "encoding_format", "invalid_value")]
    [InlineData("""{"model":"M","input":"x","user":42}""", "user", "invalid_value")]
    public async Task A_malformed_body_is_a_400_naming_the_field_by_its_path(string body, string param, string code)
    {
        using var response = await _gateway.PostEmbeddingsAsync(body.Replace("\"M\"", $"\"{Small}\""));

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, code);
        JsonDocumentOf(text).GetProperty("error").GetProperty("param").GetString().ShouldBe(param);
    }

    [Fact]
    public async Task Embeddings_of_a_chat_model_are_a_400_naming_the_model_and_what_it_serves()
    {
        using var response = await _gateway.PostEmbeddingsAsync("""{"model":"openai/gpt-4o","input":"x"}""");

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeOpenAiError(response, 400, "model_not_supported");
        var message = JsonDocumentOf(text).GetProperty("error").GetProperty("message").GetString()!;
        message.ShouldContain("'openai/gpt-4o'");
        message.ShouldContain("chat (/v1/chat/completions, /v1/messages)");
    }

    [Fact]
    public async Task Chat_completions_of_an_embedding_model_are_a_400_naming_the_model()
    {
        var chat = _gateway.CreateChatClient(Small);

        var failure = await Should.ThrowAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        failure.Status.ShouldBe(400);
        failure.Message.ShouldContain($"'{Small}'");
        failure.Message.ShouldContain("embeddings (/v1/embeddings)");
    }

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("/v1/messages/count_tokens")]
    public async Task Anthropic_messages_of_an_embedding_model_are_a_400_in_Anthropic_format(string path)
    {
        using var client = _gateway.CreateHttpClient(apiKey: null);
        client.DefaultRequestHeaders.Add("x-api-key", GatewayHost.DevelopmentKey);
        client.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
        var body = $$"""{"model":"{{Small}}","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        await ErrorJson.ShouldBeAnthropicError(response, 400, "invalid_request_error");
        text.ShouldContain(Small);
    }

    [Fact]
    public async Task An_unknown_model_is_a_404()
    {
        using var response = await _gateway.PostEmbeddingsAsync("""{"model":"acme/nothing","input":"x"}""");

        await ErrorJson.ShouldBeOpenAiError(response, 404, "model_not_found");
    }

    [Fact]
    public async Task Embedding_models_are_listed_with_the_chat_models()
    {
        using var client = _gateway.CreateHttpClient();

        var text = await client.GetStringAsync("/v1/models");

        var ids = JsonDocumentOf(text).GetProperty("data").EnumerateArray().Select(model => model.GetProperty("id").GetString()).ToList();
        ids.ShouldContain(Small);
        ids.ShouldContain(Large);
        ids.ShouldContain("openai/gpt-4o");
    }

    [Fact]
    public async Task Without_a_key_embeddings_are_a_401()
    {
        using var response = await _gateway.PostEmbeddingsAsync($$"""{"model":"{{Small}}","input":"x"}""", apiKey: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private static System.Text.Json.JsonElement JsonDocumentOf(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
