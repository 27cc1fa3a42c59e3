using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Embeddings;
using static Gatewayz.Tests.Embeddings.EmbeddingTestRequests;

namespace Gatewayz.Tests.Embeddings;

/// <summary>The shipped embedding models, answered by the simulated providers, through OpenAI's .NET SDK and raw HTTP.</summary>
public sealed class SimulatedEmbeddingsTests : IDisposable
{
    private readonly GatewayHost _gateway = GatewayHost.Start();

    public void Dispose() => _gateway.Dispose();

    [Theory]
    [InlineData(Small, 1536)]
    [InlineData(Large, 3072)]
    public async Task Each_model_answers_unit_vectors_of_its_own_dimensions(string model, int dimensions)
    {
        OpenAIEmbedding embedding = await _gateway.CreateOpenAiClient().GetEmbeddingClient(model).GenerateEmbeddingAsync("The food was delicious.");

        var vector = embedding.ToFloats().Span;
        vector.Length.ShouldBe(dimensions);
        Norm(vector).ShouldBe(1.0, 1e-5);
    }

    [Fact]
    public async Task The_same_input_gets_the_same_vector_and_another_input_another_one()
    {
        var client = _gateway.CreateOpenAiClient().GetEmbeddingClient(Small);

        OpenAIEmbeddingCollection first = await client.GenerateEmbeddingsAsync(["alpha", "beta"]);
        OpenAIEmbeddingCollection again = await client.GenerateEmbeddingsAsync(["alpha"]);

        first.Count.ShouldBe(2);
        first[0].Index.ShouldBe(0);
        first[1].Index.ShouldBe(1);
        again[0].ToFloats().ToArray().ShouldBe(first[0].ToFloats().ToArray());
        first[1].ToFloats().ToArray().ShouldNotBe(first[0].ToFloats().ToArray());
        first.Model.ShouldBe(Small);
        first.Usage.InputTokenCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Dimensions_shorten_the_vector_which_stays_a_unit_vector_along_the_full_one()
    {
        var client = _gateway.CreateOpenAiClient().GetEmbeddingClient(Small);

        OpenAIEmbedding full = await client.GenerateEmbeddingAsync("shorten me");
        OpenAIEmbedding shortened = await client.GenerateEmbeddingAsync("shorten me", new EmbeddingGenerationOptions { Dimensions = 256 });

        var vector = shortened.ToFloats().Span;
        vector.Length.ShouldBe(256);
        Norm(vector).ShouldBe(1.0, 1e-5);
        // Cut and normalised again: the full vector's first 256 values, scaled.
        var head = full.ToFloats().Span[..256];
        var scale = Norm(head);
        for (var d = 0; d < 256; d++)
            vector[d].ShouldBe((float)(head[d] / scale), 1e-5f);
    }

    [Fact]
    public async Task Float_and_base64_encodings_carry_the_same_little_endian_float32_values()
    {
        var floats = await _gateway.EmbedAsync($$"""{"model":"{{Small}}","input":"encode me","dimensions":8}""");
        var base64 = await _gateway.EmbedAsync($$"""{"model":"{{Small}}","input":"encode me","dimensions":8,"encoding_format":"base64"}""");

        var numbers = floats.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();
        var bytes = Convert.FromBase64String(base64.GetProperty("data")[0].GetProperty("embedding").GetString()!);
        var decoded = Enumerable.Range(0, bytes.Length / 4).Select(i => BitConverter.ToSingle(bytes, i * 4)).ToArray();
        numbers.Length.ShouldBe(8);
        decoded.ShouldBe(numbers);
        floats.GetProperty("object").GetString().ShouldBe("list");
        floats.GetProperty("data")[0].GetProperty("object").GetString().ShouldBe("embedding");
    }

    [Fact]
    public async Task Token_id_inputs_get_one_vector_each_and_count_one_token_per_id()
    {
        var answer = await _gateway.EmbedAsync($$"""{"model":"{{Small}}","input":[[101,2023,102],[7,8]],"dimensions":4}""");

        answer.GetProperty("data").GetArrayLength().ShouldBe(2);
        answer.GetProperty("usage").GetProperty("prompt_tokens").GetInt32().ShouldBe(5);
        answer.GetProperty("usage").GetProperty("total_tokens").GetInt32().ShouldBe(5);
    }

    [Fact]
    public async Task More_dimensions_than_the_model_has_is_the_simulated_upstreams_400()
    {
        using var response = await _gateway.PostEmbeddingsAsync($$"""{"model":"{{Small}}","input":"x","dimensions":1537}""");

        await ErrorJson.ShouldBeOpenAiError(response, 400, "integer_above_max_value");
    }

    [Fact]
    public async Task Embeddings_are_measured_and_cost_the_input_price()
    {
        var answer = await _gateway.EmbedAsync($$"""{"model":"{{Large}}","input":"{{new string('a', 400)}}"}""");
        var tokens = answer.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();

        var metrics = await _gateway.ScrapeMetricsAsync();
        tokens.ShouldBe(100);
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Large), ("token_type", "input")).ShouldBe(tokens);
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", Large), ("token_type", "output")).ShouldBe(0);
        // $0.13 per million input tokens.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Large)).ShouldBe(tokens * 0.13 / 1e6, 1e-12);
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("route", "/v1/embeddings"), ("status_code", "200")).ShouldBe(1);
    }
}
