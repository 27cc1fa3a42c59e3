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

        // The fake upstream runs in this process too, so its own server span shows up in the trace.
        var spans = await SpansOfAsync(traceId, expected: 3);
        var server = spans.Single(span => span.Kind == ActivityKind.Server && span.ParentSpanId == callerSpanId);
        server.GetTagItem("http.route").ShouldBe("/v1/chat/completions");
        var outgoing = spans.Single(span => span.SpanId.ToHexString() == upstreamTraceParent[2]);
        outgoing.Kind.ShouldBe(ActivityKind.Client);
        AncestorsOf(outgoing, spans).ShouldContain(server.SpanId);
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
