using System.Text;
using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Raw JSON <c>POST</c>s to a gateway, for what the OpenAI SDK cannot send, hides or has no client for.</summary>
public static class JsonPosts
{
    public static async Task<HttpResponseMessage> PostJsonAsync(this GatewayHost gateway, string path, string body, string? apiKey = GatewayHost.DevelopmentKey)
    {
        using var client = gateway.CreateHttpClient(apiKey);
        return await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>A call that must succeed: its body as a document.</summary>
    public static async Task<JsonElement> PostJsonOkAsync(this GatewayHost gateway, string path, string body)
    {
        using var response = await gateway.PostJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The <c>error.param</c> of an OpenAI error answer.</summary>
    public static async Task<string?> ErrorParamAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("param").GetString();
}
