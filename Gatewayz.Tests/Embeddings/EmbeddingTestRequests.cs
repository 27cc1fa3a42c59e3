using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Embeddings;

/// <summary>Raw <c>POST /v1/embeddings</c> calls, for what the OpenAI SDK cannot send or hides (bad bodies, the float encoding).</summary>
public static class EmbeddingTestRequests
{
    public const string Small = "openai/text-embedding-3-small";
    public const string Large = "openai/text-embedding-3-large";

    public static async Task<HttpResponseMessage> PostEmbeddingsAsync(this GatewayHost gateway, string body, string? apiKey = GatewayHost.DevelopmentKey)
    {
        using var client = gateway.CreateHttpClient(apiKey);
        return await client.PostAsync("/v1/embeddings", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>A call that must succeed: its body as a document.</summary>
    public static async Task<JsonElement> EmbedAsync(this GatewayHost gateway, string body)
    {
        using var response = await gateway.PostEmbeddingsAsync(body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The L2 norm of a vector.</summary>
    public static double Norm(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var value in vector)
            sum += (double)value * value;
        return Math.Sqrt(sum);
    }
}
