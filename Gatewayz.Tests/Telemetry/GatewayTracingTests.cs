using System.Diagnostics;
using System.Net.Http.Json;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Gatewayz.Tests.Telemetry;

/// <summary>Traces through a real gateway: the client's trace continues in the server span and reaches the upstream.</summary>
public sealed class GatewayTracingTests : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        // Gateway metrics live in one process-wide registry: a provider name of its own keeps this
        // test's request out of the sums other tests make for their providers.
        _gateway = GatewayHost.Start(
            new Dictionary<string, string?>
            {
                ["Gatewayz:Providers:traced-upstream:Kind"] = "OpenAiCompatible",
                ["Gatewayz:Providers:traced-upstream:BaseUrl"] = _upstream.BaseUrl.ToString(),
                ["Gatewayz:Providers:traced-upstream:ApiKey"] = "upstream-secret",
                ["Gatewayz:Models:test/traced:Routes:0:Provider"] = "traced-upstream",
                ["Gatewayz:Models:test/traced:Routes:0:UpstreamModel"] = "upstream-model-id",
                ["Gatewayz:Models:test/traced-failover:Routes:0:Provider"] = "traced-upstream",
                ["Gatewayz:Models:test/traced-failover:Routes:0:UpstreamModel"] = "upstream-model-id",
                ["Gatewayz:Models:test/traced-failover:Routes:1:Provider"] = "cerebras",
                ["Gatewayz:Resilience:Providers:traced-upstream:Retry:MaxRetries"] = "0",
            },
            services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(_spans)));
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    [Fact]
    public async Task The_callers_trace_continues_in_the_server_span_and_its_traceparent_reaches_the_upstream()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpanId = ActivitySpanId.CreateRandom();
        // The test's own HttpClient would inject a traceparent of its own; this one sends only ours.
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = _gateway.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", GatewayHost.DevelopmentKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model = "test/traced", messages = new[] { new { role = "user", content = "hi" } } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{callerSpanId.ToHexString()}-01");

        using var response = await client.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var upstreamTraceParent = _upstream.Requests.ShouldHaveSingleItem().TraceParent.Split('-');
        upstreamTraceParent[1].ShouldBe(traceId.ToHexString());
        upstreamTraceParent[2].ShouldNotBe(callerSpanId.ToHexString());

        // The fake upstream runs in this process too, so its own server span shows up in the trace:
        // gateway server, attempt, HTTP client, upstream server.
        var spans = await SpansOfAsync(traceId, expected: 4);
        var server = spans.Single(span => span.Kind == ActivityKind.Server && span.ParentSpanId == callerSpanId);
        server.GetTagItem("http.route").ShouldBe("/v1/chat/completions");
        var outgoing = spans.Single(span => span.SpanId.ToHexString() == upstreamTraceParent[2]);
        outgoing.Kind.ShouldBe(ActivityKind.Client);
        AncestorsOf(outgoing, spans).ShouldContain(server.SpanId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Each_upstream_attempt_is_a_genai_client_span_between_the_server_span_and_the_http_call(bool stream)
    {
        var (traceId, response) = await PostTracedAsync("test/traced", stream);

        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync();
        var spans = await SpansOfAsync(traceId, expected: 4);
        // Two server spans: the gateway's, tagged with the model the client asked for, and the fake upstream's.
        var server = spans.Single(span => span.Kind == ActivityKind.Server && span.GetTagItem("gatewayz.model") is "test/traced");
        var attempt = spans.Single(span => span.OperationName == "chat upstream-model-id");
        attempt.Kind.ShouldBe(ActivityKind.Client);
        attempt.ParentSpanId.ShouldBe(server.SpanId);
        attempt.GetTagItem("gen_ai.operation.name").ShouldBe("chat");
        attempt.GetTagItem("gen_ai.provider.name").ShouldBe("traced-upstream");
        attempt.GetTagItem("gen_ai.request.model").ShouldBe("upstream-model-id");
        attempt.GetTagItem("gen_ai.usage.input_tokens").ShouldBe(11);
        attempt.GetTagItem("gen_ai.usage.output_tokens").ShouldBe(3);
        attempt.GetTagItem("server.address").ShouldBe("127.0.0.1");
        (attempt.GetTagItem("gen_ai.response.finish_reasons") as string[]).ShouldBe(["stop"]);
        if (stream) attempt.GetTagItem("gen_ai.request.stream").ShouldBe(true);
        var http = spans.Single(span => span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http");
        http.ParentSpanId.ShouldBe(attempt.SpanId);
        _upstream.Requests.Last().TraceParent.Split('-')[2].ShouldBe(http.SpanId.ToHexString());
    }

    [Fact]
    public async Task A_failed_attempt_is_an_error_span_and_the_failover_an_event_on_the_request()
    {
        _upstream.Behavior = new UpstreamBehavior { Status = 503 };

        var (traceId, response) = await PostTracedAsync("test/traced-failover", stream: false);

        response.EnsureSuccessStatusCode();
        var spans = await SpansOfAsync(traceId, expected: 5);
        var failed = spans.Single(span => span.OperationName == "chat upstream-model-id");
        failed.Status.ShouldBe(ActivityStatusCode.Error);
        failed.GetTagItem("error.type").ShouldBe("server_error");
        var served = spans.Single(span => span.GetTagItem("gen_ai.provider.name") as string == "cerebras");
        served.Status.ShouldNotBe(ActivityStatusCode.Error);
        var server = spans.Single(span => span.SpanId == served.ParentSpanId);
        var failover = server.Events.Where(e => e.Name == "gatewayz.failover").ShouldHaveSingleItem();
        failover.Tags.ShouldContain(tag => tag.Value as string == "cerebras");
    }

    private async Task<(ActivityTraceId TraceId, HttpResponseMessage Response)> PostTracedAsync(string model, bool stream)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = _gateway.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", GatewayHost.DevelopmentKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new { model, stream, messages = new[] { new { role = "user", content = "hi" } } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (traceId, response);
    }

    private static IEnumerable<ActivitySpanId> AncestorsOf(Activity span, List<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
            yield return parent;
    }

    private async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, int expected)
    {
        // The server span ends just after the response is written, so it may be exported a moment later.
        for (var waited = 0; ; waited += 50)
        {
            List<Activity> spans;
            lock (_spans) spans = [.. _spans.Where(span => span.TraceId == traceId)];
            if (spans.Count >= expected || waited > 5000) return spans;
            await Task.Delay(50);
        }
    }
}
