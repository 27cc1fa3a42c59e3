using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Gatewayz.Api.Resilience;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// An upstream that answers 200 and then reports a failure inside the answer: an error event, a
/// <c>finish_reason:"error"</c>, or a stream that ends without a finish reason. The client must learn
/// that the answer failed, and every record of the attempt must say so.
/// </summary>
public sealed class InBandFailureTests : IAsyncLifetime
{
    private const string Model = "test/inband";
    private const string FailoverModel = "test/inband-failover";
    private const string UpstreamModel = "inband-upstream-model";
    private const string Hello = """{"id":"c","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hello "},"finish_reason":null}]}""";
    private const string UpstreamError = """{"error":{"message":"The server is overloaded","type":"server_error","code":"overloaded","param":null,"retry_after_ms":250}}""";

    private static readonly Dictionary<string, string> Streams = new()
    {
        ["error_event"] = $"data: {Hello}\n\ndata: {UpstreamError}\n\ndata: [DONE]\n\n",
        ["finish_reason_error"] = $"data: {Hello}\n\ndata: {{\"choices\":[{{\"index\":0,\"delta\":{{}},\"finish_reason\":\"error\"}}]}}\n\ndata: [DONE]\n\n",
        ["done_without_finish_reason"] = $": keep-alive\r\n\r\ndata: {Hello}\r\n\r\n: still here\r\n\r\ndata: [DONE]\r\n\r\n",
        ["eof_without_finish_reason"] = $"data: {Hello}\n\n",
    };

    private readonly ConcurrentQueue<RequestOutcome> _outcomes = new();
    private FakeUpstream _primary = null!;
    private FakeUpstream _backup = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _primary = await FakeUpstream.StartAsync();
        _backup = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:primary:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:primary:BaseUrl"] = _primary.BaseUrl.ToString(),
            ["Gatewayz:Providers:backup:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:backup:BaseUrl"] = _backup.BaseUrl.ToString(),
            ["Gatewayz:Resilience:Retry:BaseDelayMilliseconds"] = "10",
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "primary",
            [$"Gatewayz:Models:{Model}:Routes:0:UpstreamModel"] = UpstreamModel,
            [$"Gatewayz:Models:{FailoverModel}:Routes:0:Provider"] = "primary",
            [$"Gatewayz:Models:{FailoverModel}:Routes:1:Provider"] = "backup",
        }, services => services.AddSingleton<IRealtimeMetricsWriter>(new CapturingRealtimeWriter(_outcomes)));
    }

    [Theory]
    [InlineData("error_event", "data: " + """{"error":{"message":"The server is overloaded","type":"server_error","code":"overloaded","param":null,"retry_after_ms":250}}""" + "\n\n")]
    [InlineData("finish_reason_error", "data: " + """{"error":{"message":"The provider for 'test/inband' failed (server_error).","type":"server_error","param":null,"code":"upstream_error"}}""" + "\n\n")]
    [InlineData("done_without_finish_reason", "data: " + """{"error":{"message":"The provider for 'test/inband' failed (invalid_response).","type":"server_error","param":null,"code":"upstream_error"}}""" + "\n\n")]
    [InlineData("eof_without_finish_reason", "data: " + """{"error":{"message":"The provider for 'test/inband' failed (connection_error).","type":"server_error","param":null,"code":"upstream_error"}}""" + "\n\n")]
    public async Task Chat_stream_that_fails_in_band_ends_with_the_error_event_and_no_done(string stream, string expectedTail)
    {
        _primary.Behavior = new UpstreamBehavior { RawStream = Streams[stream] };

        var (status, body) = await PostAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"content\":\"Hello \"");
        body.ShouldEndWith(expectedTail);
        body.ShouldNotContain("[DONE]");
        body.ShouldNotContain("\"finish_reason\":\"stop\"");
        body.Split("data: ").Count(part => part.Contains("\"error\"")).ShouldBe(1);
    }

    [Theory]
    [InlineData("error_event", """{"type":"error","error":{"type":"overloaded_error","message":"The server is overloaded"}}""")]
    [InlineData("finish_reason_error", """{"type":"error","error":{"type":"api_error","message":"The provider for 'test/inband' failed (server_error)."}}""")]
    [InlineData("done_without_finish_reason", """{"type":"error","error":{"type":"api_error","message":"The provider for 'test/inband' failed (invalid_response)."}}""")]
    [InlineData("eof_without_finish_reason", """{"type":"error","error":{"type":"api_error","message":"The provider for 'test/inband' failed (connection_error)."}}""")]
    public async Task Messages_stream_that_fails_in_band_ends_with_an_anthropic_error_event_and_no_message_stop(string stream, string expectedError)
    {
        _primary.Behavior = new UpstreamBehavior { RawStream = Streams[stream] };

        var (status, body) = await PostAsync("/v1/messages", $$"""{"model":"{{Model}}","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"text_delta\",\"text\":\"Hello \"");
        body.ShouldEndWith($"event: error\ndata: {expectedError}\n\n");
        body.ShouldNotContain("message_stop");
        body.ShouldNotContain("message_delta");
    }

    [Theory]
    [InlineData("error_event", "server_error")]
    [InlineData("finish_reason_error", "server_error")]
    [InlineData("done_without_finish_reason", "invalid_response")]
    [InlineData("eof_without_finish_reason", "connection_error")]
    public async Task Failed_stream_is_recorded_once_as_an_error_in_metrics_health_breaker_realtime_and_span(string stream, string errorType)
    {
        using var spans = new AttemptSpans(UpstreamModel);
        _primary.Behavior = new UpstreamBehavior { RawStream = Streams[stream] };

        await PostAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        _primary.ChatRequestCount.ShouldBe(1);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("model", Model), ("status", errorType)).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("model", Model)).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_failures_total", ("provider", "primary"), ("model", Model)).ShouldBe(1);
        var traffic = Route("primary", Model).Traffic.Read();
        (traffic.Successes, traffic.Failures).ShouldBe((0, 1));
        var outcome = _outcomes.ShouldHaveSingleItem();
        (outcome.Provider, outcome.Success, outcome.ErrorType).ShouldBe(("primary", false, errorType));
        var span = await spans.SingleAsync();
        span.Status.ShouldBe(ActivityStatusCode.Error);
        span.GetTagItem("error.type").ShouldBe(errorType);
    }

    [Fact]
    public async Task Openai_sdk_stream_reports_the_error_instead_of_completing()
    {
        _primary.Behavior = new UpstreamBehavior { RawStream = Streams["error_event"] };
        var received = new StringBuilder();
        var finishReasons = new List<ChatFinishReason>();
        var raw = new StringBuilder();

        await foreach (var update in _gateway.CreateChatClient(Model).CompleteChatStreamingAsync([new UserChatMessage("hi")]))
        {
            foreach (var part in update.ContentUpdate) received.Append(part.Text);
            if (update.FinishReason is { } finish) finishReasons.Add(finish);
            raw.Append(System.ClientModel.Primitives.ModelReaderWriter.Write(update).ToString());
        }

        received.ToString().ShouldBe("Hello ");
        finishReasons.ShouldBeEmpty();
        raw.ToString().ShouldContain("\"code\":\"overloaded\"");
    }

    [Fact]
    public async Task Error_as_the_first_event_is_retried_and_fails_over_before_the_client_sees_a_byte()
    {
        _primary.Behavior = new UpstreamBehavior { RawStream = $"data: {UpstreamError}\n\ndata: [DONE]\n\n" };

        var (status, body) = await PostAsync("/v1/chat/completions", $$"""{"model":"{{FailoverModel}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"content\":\"Hello\"");
        body.ShouldEndWith("data: [DONE]\n\n");
        body.ShouldNotContain("overloaded");
        _primary.ChatRequestCount.ShouldBe(2);
        _backup.ChatRequestCount.ShouldBe(1);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("status", "server_error")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("status", "success")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "primary"), ("model", FailoverModel), ("reason", "server_error")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_failures_total", ("provider", "primary"), ("model", FailoverModel)).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "backup"), ("status", "success")).ShouldBe(1);
    }

    [Fact]
    public async Task Error_as_the_first_event_on_every_route_is_an_http_error()
    {
        _primary.Behavior = new UpstreamBehavior { RawStream = $"data: {UpstreamError}\n\n" };

        var (status, body) = await PostAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        // The upstream said why (overloaded): its words and code reach the client, as a 503.
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        body.ShouldContain("\"message\":\"The server is overloaded\"");
        body.ShouldContain("\"code\":\"overloaded\"");
        _primary.ChatRequestCount.ShouldBe(2);
    }

    [Theory]
    [InlineData(UpstreamError, HttpStatusCode.ServiceUnavailable, "overloaded")]
    [InlineData("""{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hel"},"finish_reason":"error"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""",
        HttpStatusCode.BadGateway, "upstream_error")]
    public async Task Json_answer_that_reports_an_error_is_a_failure_not_a_success(string answer, HttpStatusCode expectedStatus, string expectedCode)
    {
        _primary.Behavior = new UpstreamBehavior { RawBody = answer };

        var (status, body) = await PostAsync("/v1/chat/completions", $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"hi"}]}""");

        status.ShouldBe(expectedStatus);
        body.ShouldContain($"\"code\":\"{expectedCode}\"");
        _primary.ChatRequestCount.ShouldBe(2);
        var metrics = await _gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("status", "server_error")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "primary"), ("status", "success")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_failures_total", ("provider", "primary"), ("model", Model)).ShouldBe(2);
    }

    [Fact]
    public async Task Json_answer_that_reports_an_error_fails_over_to_the_next_route()
    {
        _primary.Behavior = new UpstreamBehavior { RawBody = UpstreamError };

        var (status, body) = await PostAsync("/v1/messages", $$"""{"model":"{{FailoverModel}}","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}""");

        status.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("Hello from upstream");
        _backup.ChatRequestCount.ShouldBe(1);
    }

    private RouteResilience Route(string provider, string model) =>
        _gateway.Services.GetRequiredService<RouteRegistry>().All.Single(route => route.Route.Provider == provider && route.Model.Id == model);


    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, string json)
    {
        using var client = _gateway.CreateHttpClient();
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _primary.DisposeAsync();
        await _backup.DisposeAsync();
    }
}
