using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Metrics;
using Gatewayz.RealtimeMetrics;
using Gatewayz.RealtimeMetrics.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatewayz.Benchmarks;

/// <summary>
/// What recording costs per request: the HTTP middleware around an empty handler, the inference
/// recorder (Prometheus series, model gauges, real-time outcome) and the real-time store's Record
/// alone. The store's flusher runs in the background, as in the gateway (in-memory mode).
/// </summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private static readonly TokenUsage Usage = new(120, 380);

    private RealtimeMetricsStore _store = null!;
    private RealtimeMetricsFlusher _flusher = null!;
    private InferenceRecorder _recorder = null!;
    private HttpMetricsMiddleware _middleware = null!;
    private CatalogModel _model = null!;
    private ResolvedRoute _route = null!;
    private DefaultHttpContext _context = null!;
    private RequestOutcome _outcome;

    [GlobalSetup]
    public void Setup()
    {
        var gateway = Options.Create(new GatewayOptions
        {
            Providers = { ["openrouter"] = new ProviderOptions() },
            Models = { ["openai/gpt-4o-mini"] = new ModelOptions { Routes = [new ModelRoute { Provider = "openrouter" }] } },
        });
        var catalog = new ModelCatalog(gateway);
        _model = catalog.Models[0];
        _route = _model.Routes[0];
        var metrics = new GatewayMetrics(new HostingEnvironment { EnvironmentName = Environments.Production });
        var redisOptions = Options.Create(new RedisOptions());
        var connection = new RedisConnection(redisOptions, NullLogger<RedisConnection>.Instance);
        _store = new RealtimeMetricsStore(connection, new RedisRealtimeMetricsStore(connection, redisOptions),
            new InMemoryRealtimeMetricsStore(redisOptions), NullLogger<RealtimeMetricsStore>.Instance);
        _flusher = new RealtimeMetricsFlusher(_store, NullLogger<RealtimeMetricsFlusher>.Instance);
        _flusher.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        _recorder = new InferenceRecorder(metrics, new ModelUsageGauges(catalog, metrics, TimeProvider.System), _store, TimeProvider.System);
        _middleware = new HttpMetricsMiddleware(_ => Task.CompletedTask, metrics);
        _context = new DefaultHttpContext();
        _context.Request.Method = "POST";
        _context.Request.ContentLength = 512;
        _context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/v1/chat/completions"), 0, null, null));
        _outcome = new RequestOutcome("openrouter", "openai/gpt-4o-mini", DateTimeOffset.UtcNow, 420, true, null, null, 120, 380, 0.0003m);
    }

    [GlobalCleanup]
    public void Cleanup() => _flusher.StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    [Benchmark(Description = "RealtimeMetricsStore.Record")]
    public void StoreRecord() => _store.Record(_outcome);

    [Benchmark(Description = "InferenceRecorder.Succeeded")]
    public void RecorderSucceeded() => _recorder.Succeeded(_model, _route, TimeSpan.FromMilliseconds(420), Usage);

    [Benchmark(Description = "HttpMetricsMiddleware")]
    public Task HttpMiddleware() => _middleware.InvokeAsync(_context);

    [Benchmark(Description = "Whole request (middleware + recorder)")]
    public async Task WholeRequest()
    {
        await _middleware.InvokeAsync(_context);
        _recorder.Succeeded(_model, _route, TimeSpan.FromMilliseconds(420), Usage);
    }
}
