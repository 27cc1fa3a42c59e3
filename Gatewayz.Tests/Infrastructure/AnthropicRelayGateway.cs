using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A gateway with an Anthropic provider on a <see cref="FakeAnthropicUpstream"/>: <see cref="Model"/> is routed
/// to it alone, <see cref="FailoverModel"/> to it first and then to an OpenAI-compatible <see cref="FakeUpstream"/>,
/// <see cref="OpenAiFirstModel"/> the other way round.
/// </summary>
public sealed class AnthropicRelayGateway : IAsyncDisposable
{
    public const string Model = "test/claude";
    public const string FailoverModel = "test/claude-or-openai";
    public const string OpenAiFirstModel = "test/openai-or-claude";
    public const string OpenAiUpstreamModel = "openai-upstream-model";
    public const string UpstreamModel = "claude-sonnet-4-5-20250929";
    public const string ApiKey = "sk-ant-api03-test-key-0123456789";
    public const string Provider = "claude";
    public const string OpenAiProvider = "relay";

    private AnthropicRelayGateway(FakeAnthropicUpstream anthropic, FakeUpstream openAi, GatewayHost gateway)
    {
        Anthropic = anthropic;
        OpenAi = openAi;
        Gateway = gateway;
    }

    public FakeAnthropicUpstream Anthropic { get; }
    public FakeUpstream OpenAi { get; }
    public GatewayHost Gateway { get; }

    public static async Task<AnthropicRelayGateway> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var anthropic = await FakeAnthropicUpstream.StartAsync();
        var openAi = await FakeUpstream.StartAsync();
        var all = new Dictionary<string, string?>
        {
            [$"Gatewayz:Providers:{Provider}:Kind"] = "Anthropic",
            [$"Gatewayz:Providers:{Provider}:BaseUrl"] = anthropic.BaseUrl.ToString(),
            [$"Gatewayz:Providers:{Provider}:ApiKey"] = ApiKey,
            [$"Gatewayz:Providers:{OpenAiProvider}:Kind"] = "OpenAiCompatible",
            [$"Gatewayz:Providers:{OpenAiProvider}:BaseUrl"] = openAi.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = Provider,
            [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = UpstreamModel,
            [$"Gatewayz:Models:{FailoverModel}:Routes:0:Provider"] = Provider,
            [$"Gatewayz:Models:{FailoverModel}:Routes:0:UpstreamModel"] = UpstreamModel,
            [$"Gatewayz:Models:{FailoverModel}:Routes:1:Provider"] = OpenAiProvider,
            [$"Gatewayz:Models:{FailoverModel}:Routes:1:UpstreamModel"] = OpenAiUpstreamModel,
            [$"Gatewayz:Models:{OpenAiFirstModel}:Routes:0:Provider"] = OpenAiProvider,
            [$"Gatewayz:Models:{OpenAiFirstModel}:Routes:0:UpstreamModel"] = OpenAiUpstreamModel,
            [$"Gatewayz:Models:{OpenAiFirstModel}:Routes:1:Provider"] = Provider,
            [$"Gatewayz:Models:{OpenAiFirstModel}:Routes:1:UpstreamModel"] = UpstreamModel,
            // One attempt per route: a failed Anthropic attempt fails over at once.
            ["Gatewayz:Resilience:Retry:MaxRetries"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return new AnthropicRelayGateway(anthropic, openAi, GatewayHost.Start(all));
    }

    /// <summary>A small Messages request, as a client writes it.</summary>
    public static string MessagesBody(bool stream = false, string model = Model) =>
        $$$"""{"model":"{{{model}}}","max_tokens":1024,"stream":{{{(stream ? "true" : "false")}}},"messages":[{"role":"user","content":"What is the weather in San Francisco? \u00e9\u00e8 😀"}],"thinking":{"type":"enabled","budget_tokens":512},"metadata":{"user_id":"u-42"},"x_future_field":{"a":[1,2.50,true,null]}}""";

    /// <summary>Posts to <c>/v1/messages</c> with the client's <c>x-api-key</c> and the headers given.</summary>
    public Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostMessagesAsync(string json, params (string Name, string Value)[] headers) =>
        PostAnthropicAsync("/v1/messages", json, headers);

    /// <summary>Posts to <paramref name="path"/> as an Anthropic client does: <c>x-api-key</c>, <c>anthropic-version</c> and the headers given.</summary>
    public async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> PostAnthropicAsync(string path, string json, params (string Name, string Value)[] headers)
    {
        using var client = Gateway.CreateHttpClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", GatewayHost.DevelopmentKey);
        request.Headers.Add("anthropic-version", "2023-06-01");
        foreach (var (name, value) in headers)
            request.Headers.Add(name, value);
        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public AnthropicClient CreateAnthropicClient() => Gateway.CreateAnthropicClient();

    /// <summary>
    /// What a byte-for-byte relay of <paramref name="upstream"/> looks like: the upstream's text with its message
    /// id replaced by <paramref name="gatewayId"/> and its model by <paramref name="model"/>, nothing else.
    /// </summary>
    public static string Relayed(string upstream, string upstreamId, string gatewayId, string model = Model) =>
        upstream.Replace($"\"{upstreamId}\"", $"\"{gatewayId}\"").Replace($"\"{UpstreamModel}\"", $"\"{model}\"");

    /// <summary>The id of the message the gateway answered with: a body's <c>id</c>, or the <c>message_start</c>'s in a stream.</summary>
    public static string GatewayIdOf(string answer)
    {
        var json = answer.StartsWith('{') ? answer : SseText.Data(answer)[0];
        using var document = JsonDocument.Parse(json);
        var message = document.RootElement.TryGetProperty("message", out var nested) ? nested : document.RootElement;
        return message.GetProperty("id").GetString()!;
    }

    /// <summary>The gateway's <c>gatewayz_tokens_used_total</c> for a model and token type.</summary>
    public async Task<double> TokensUsedAsync(string tokenType, string model = Model) =>
        MetricsText.Sum(await Gateway.ScrapeMetricsAsync(), "gatewayz_tokens_used_total", ("model", model), ("token_type", tokenType));

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await Anthropic.DisposeAsync();
        await OpenAi.DisposeAsync();
    }
}
