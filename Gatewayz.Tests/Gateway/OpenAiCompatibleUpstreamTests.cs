using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>An OpenAI-compatible upstream (a real HTTP server) behind the gateway.</summary>
public sealed class OpenAiCompatibleUpstreamTests : IAsyncLifetime
{
    private const string Model = "test/upstream";
    private const string FailoverModel = "test/failover";
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:upstream:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:upstream:BaseUrl"] = _upstream.BaseUrl.ToString(),
            ["Gatewayz:Providers:upstream:ApiKey"] = "upstream-secret",
            ["Gatewayz:Providers:upstream:TimeToFirstByteSeconds"] = "1",
            ["Gatewayz:Providers:upstream:StreamIdleTimeoutSeconds"] = "1",
            ["Gatewayz:Models:test/upstream:Pricing:InputPerMillion"] = "1000000",
            ["Gatewayz:Models:test/upstream:Pricing:OutputPerMillion"] = "2000000",
            ["Gatewayz:Models:test/upstream:Routes:0:Provider"] = "upstream",
            ["Gatewayz:Models:test/upstream:Routes:0:UpstreamModel"] = "upstream-model-id",
            ["Gatewayz:Models:test/failover:Routes:0:Provider"] = "upstream",
            ["Gatewayz:Models:test/failover:Routes:1:Provider"] = "groq",
        });
    }

    [Fact]
    public async Task Completion_is_forwarded_with_the_upstream_model_id_and_key()
    {
        ChatCompletion completion = await _gateway.CreateChatClient(Model).CompleteChatAsync(
            [new SystemChatMessage("be brief"), new UserChatMessage("hello")], new ChatCompletionOptions { Temperature = 0.5f });

        completion.Content[0].Text.ShouldBe("Hello from upstream");
        completion.Usage.InputTokenCount.ShouldBe(11);
        completion.Usage.OutputTokenCount.ShouldBe(3);
        var request = _upstream.Requests.Single();
        request.Authorization.ShouldBe("Bearer upstream-secret");
        request.Body!.Value.GetProperty("model").GetString().ShouldBe("upstream-model-id");
        request.Body.Value.GetProperty("messages").GetArrayLength().ShouldBe(2);
        request.Body.Value.GetProperty("temperature").GetDouble().ShouldBe(0.5, 0.001);
    }

    [Fact]
    public async Task Stream_is_relayed_chunk_by_chunk_with_upstream_usage()
    {
        var pieces = new List<string>();
        ChatTokenUsage? usage = null;
        await foreach (var update in _gateway.CreateChatClient(Model).CompleteChatStreamingAsync([new UserChatMessage("hello")]))
        {
            pieces.AddRange(update.ContentUpdate.Select(part => part.Text));
            usage ??= update.Usage;
        }

        string.Concat(pieces).ShouldBe("Hello from upstream");
        usage!.InputTokenCount.ShouldBe(11);
        var body = _upstream.Requests.Single().Body!.Value;
        body.GetProperty("stream").GetBoolean().ShouldBeTrue();
        body.GetProperty("stream_options").GetProperty("include_usage").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Cost_and_tokens_are_measured_from_the_upstream_usage()
    {
        await _gateway.CreateChatClient(Model).CompleteChatAsync([new UserChatMessage("hello")]);

        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("provider", "upstream"), ("token_type", "input")).ShouldBe(11);
        MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("provider", "upstream"), ("token_type", "output")).ShouldBe(3);
        // 11 × $1 + 3 × $2 at the test's prices of a million dollars per million tokens.
        MetricsText.Sum(metrics, "gatewayz_cost_dollars_total", ("model", Model)).ShouldBe(17, 1e-9);
    }

    [Theory]
    [InlineData(500, HttpStatusCode.BadGateway)]
    [InlineData(503, HttpStatusCode.BadGateway)]
    [InlineData(429, HttpStatusCode.TooManyRequests)]
    [InlineData(400, HttpStatusCode.BadRequest)]
    public async Task Upstream_failure_status_maps_to_a_gateway_status(int upstreamStatus, HttpStatusCode expected)
    {
        _upstream.Behavior = new UpstreamBehavior { Status = upstreamStatus, RetryAfter = "2" };

        var response = await PostChatAsync(Model);

        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.TooManyRequests)
            response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Slow_first_byte_is_504()
    {
        _upstream.Behavior = new UpstreamBehavior { HeaderDelay = TimeSpan.FromSeconds(3) };

        var response = await PostChatAsync(Model);

        response.StatusCode.ShouldBe(HttpStatusCode.GatewayTimeout);
    }

    [Fact]
    public async Task Dropped_connection_is_502()
    {
        _upstream.Behavior = new UpstreamBehavior { AbortConnection = true };

        var response = await PostChatAsync(Model);

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task Failing_first_route_fails_over_to_the_next_provider()
    {
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };

        var response = await PostChatAsync(FailoverModel);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var metrics = await _gateway.ScrapeMetricsAsync();
        // One attempt and one retry (Gatewayz:Resilience:Retry:MaxRetries defaults to 1) before the failover.
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "upstream"), ("status", "server_error")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", FailoverModel), ("reason", "server_error")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "groq"), ("model", FailoverModel), ("status", "success")).ShouldBe(1);
    }

    [Fact]
    public async Task Stream_broken_midway_ends_with_an_error_event_not_a_silent_truncation()
    {
        // The pause lets the gateway read the first chunks before the reset, which would discard unread data.
        _upstream.Behavior = new UpstreamBehavior { Chunks = ["one", " two", " three"], DisconnectAfterChunks = 2, ChunkDelay = TimeSpan.FromMilliseconds(300) };
        using var client = _gateway.CreateHttpClient();

        var response = await client.PostAsync("/v1/chat/completions", new StringContent(
            $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"content\":\"one\"");
        body.ShouldContain("\"error\":");
        body.ShouldNotContain("[DONE]");
    }

    private async Task<HttpResponseMessage> PostChatAsync(string model)
    {
        using var client = _gateway.CreateHttpClient();
        return await client.PostAsync("/v1/chat/completions", new StringContent(
            JsonSerializer.Serialize(new { model, messages = new[] { new { role = "user", content = "hi" } } }), Encoding.UTF8, "application/json"));
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
