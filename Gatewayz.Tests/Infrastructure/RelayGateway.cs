using System.Net;
using System.Text;
using System.Text.Json;
using Anthropic;
using OpenAI.Chat;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A gateway whose model <see cref="Model"/> is routed to one OpenAI-compatible <see cref="FakeUpstream"/>
/// under the upstream's own model id: the same format on both sides, so the gateway relays.
/// </summary>
public sealed class RelayGateway : IAsyncDisposable
{
    public const string Model = "test/relay";
    public const string UpstreamModel = "relay-upstream-model";

    private RelayGateway(FakeUpstream upstream, GatewayHost gateway)
    {
        Upstream = upstream;
        Gateway = gateway;
    }

    public FakeUpstream Upstream { get; }
    public GatewayHost Gateway { get; }

    /// <summary>The body of the last chat request the upstream received.</summary>
    public JsonElement UpstreamRequest => Upstream.Requests.Last(request => request.Method == "POST").Body!.Value;

    public static async Task<RelayGateway> StartAsync()
    {
        var upstream = await FakeUpstream.StartAsync();
        var gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:relay:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:relay:BaseUrl"] = upstream.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "relay",
            [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = UpstreamModel,
        });
        return new RelayGateway(upstream, gateway);
    }

    /// <summary>A small chat request for <see cref="Model"/>; <paramref name="includeUsage"/> null sends no <c>stream_options</c>.</summary>
    public static string ChatBody(bool stream = false, bool? includeUsage = null)
    {
        var options = includeUsage is { } include ? $$""","stream_options":{"include_usage":{{(include ? "true" : "false")}}}""" : "";
        return $$"""{"model":"{{Model}}","stream":{{(stream ? "true" : "false")}}{{options}},"messages":[{"role":"user","content":"What is the weather in Paris?"}]}""";
    }

    public Task<(HttpStatusCode Status, string Body)> PostChatAsync(string json) => PostAsync("/v1/chat/completions", json);

    /// <summary>Posts an Anthropic Messages request (with <see cref="Model"/> in it) to <c>/v1/messages</c>.</summary>
    public Task<(HttpStatusCode Status, string Body)> PostMessagesAsync(string json) => PostAsync("/v1/messages", json);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string json)
    {
        using var client = Gateway.CreateHttpClient();
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public ChatClient CreateChatClient() => Gateway.CreateChatClient(Model);

    public AnthropicClient CreateAnthropicClient() => Gateway.CreateAnthropicClient();

    /// <summary>The gateway's <c>gatewayz_tokens_used_total</c> for <see cref="Model"/> of one type (input or output).</summary>
    public async Task<double> TokensUsedAsync(string tokenType) =>
        MetricsText.Sum(await Gateway.ScrapeMetricsAsync(), "gatewayz_tokens_used_total", ("model", Model), ("token_type", tokenType));

    public async ValueTask DisposeAsync()
    {
        Gateway.Dispose();
        await Upstream.DisposeAsync();
    }
}
