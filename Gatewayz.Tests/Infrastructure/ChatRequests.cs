using System.Text;
using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Raw HTTP chat requests (the SDK tests cover the clients; these tests need headers and status codes).</summary>
public static class ChatRequests
{
    public const string Model = "openai/gpt-4o-mini";

    public static Task<HttpResponseMessage> PostChatAsync(this HttpClient client, string model = Model, string content = "Hello there",
        bool stream = false, IDictionary<string, string>? headers = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { model, stream, messages = new[] { new { role = "user", content } } }),
                Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) message.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(message);
    }

    public static Task<HttpResponseMessage> PostMessagesAsync(this HttpClient client, string model = Model, string content = "Hello there")
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(
                $$"""{"model":"{{model}}","max_tokens":64,"messages":[{"role":"user","content":"{{content}}"}]}""", Encoding.UTF8, "application/json"),
        };
        return client.SendAsync(message);
    }

    /// <summary>A gateway on a real Redis, once its multiplexer is connected.</summary>
    public static async Task<GatewayHost> StartWithRedisAsync(RedisServer redis, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["ConnectionStrings:redis"] = redis.ConnectionString };
        var host = GatewayHost.Start(all);
        (await host.Services.GetRequiredService<RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        return host;
    }
}
