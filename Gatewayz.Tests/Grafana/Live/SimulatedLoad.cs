using System.Runtime.CompilerServices;
using OpenAI.Chat;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// Chat completions against a live gateway from a few concurrent clients, half of them streaming,
/// spread over several models so that every provider gets calls; failures are expected and counted.
/// </summary>
public static class SimulatedLoad
{
    public static readonly string[] Models =
    [
        "openai/gpt-4o", "anthropic/claude-3-5-haiku", "google/gemma-2-9b-it", "meta-llama/llama-3.3-70b-instruct",
        "meta-llama/llama-3.1-8b-instruct", "meta-llama/llama-3.1-405b-instruct", "mistralai/mixtral-8x7b-instruct",
        "qwen/qwen-2.5-72b-instruct",
    ];

    /// <summary>Providers fail or rate-limit often enough that error, retry and failover panels get data.</summary>
    public static Dictionary<string, string?> FlakyProviders() => new()
    {
        ["Gatewayz:SimulationTimeScale"] = "0.1",
        ["Gatewayz:Providers:openrouter:Simulation:ErrorRate"] = "0.1",
        ["Gatewayz:Providers:fireworks:Simulation:ErrorRate"] = "0.25",
        ["Gatewayz:Providers:together:Simulation:ErrorRate"] = "0.25",
        ["Gatewayz:Providers:groq:Simulation:RateLimitRate"] = "0.15",
    };

    /// <summary>Minimum number of requests, so that a loaded CI machine still produces enough data.</summary>
    public const int MinimumRequests = 300;

    public static async Task<LoadResult> RunAsync(GatewayHost gateway, TimeSpan duration, int clients = 6, TimeSpan? pause = null)
    {
        var started = DateTime.UtcNow;
        var sent = new StrongBox<int>();
        bool KeepGoing() => DateTime.UtcNow - started < duration
            || (Volatile.Read(ref sent.Value) < MinimumRequests && DateTime.UtcNow - started < duration * 3);
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => ClientAsync(gateway, client, KeepGoing, sent, pause ?? TimeSpan.FromMilliseconds(40))));
        return new LoadResult(results.Sum(r => r.Succeeded), results.Sum(r => r.Failed));
    }

    private static async Task<LoadResult> ClientAsync(GatewayHost gateway, int client, Func<bool> keepGoing, StrongBox<int> sent, TimeSpan pause)
    {
        using var http = gateway.CreateHttpClient();
        int succeeded = 0, failed = 0;
        for (var i = client; keepGoing(); i++)
        {
            Interlocked.Increment(ref sent.Value);
            var chat = gateway.CreateChatClient(Models[i % Models.Length]);
            ChatMessage[] messages = [new UserChatMessage($"Say hello number {i}.")];
            var options = new ChatCompletionOptions { MaxOutputTokenCount = 16 + i % 48 };
            try
            {
                if (i % 2 == 0)
                    await chat.CompleteChatAsync(messages, options);
                else
                    await foreach (var _ in chat.CompleteChatStreamingAsync(messages, options)) { }
                succeeded++;
            }
            catch (Exception e) when (e is System.ClientModel.ClientResultException or HttpRequestException or IOException)
            {
                failed++;
            }
            if (i % 10 == 0)
                (await http.GetAsync("/v1/models")).EnsureSuccessStatusCode();
            await Task.Delay(pause);
        }
        return new LoadResult(succeeded, failed);
    }
}
