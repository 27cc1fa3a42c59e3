using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Gatewayz.Benchmarks;

/// <summary>Finding the requested model (and so its ordered routes) in a catalog of 100 models.</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private ModelCatalog _catalog = null!;
    private CatalogLookup _lookup = null!;
    private string _requested = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new GatewayOptions { Providers = { ["openrouter"] = new ProviderOptions(), ["together"] = new ProviderOptions() } };
        for (var i = 0; i < 99; i++)
            options.Models[$"vendor/model-{i}"] = new ModelOptions { Routes = [new ModelRoute { Provider = "openrouter" }] };
        options.Models[HotPathSamples.Model] = new ModelOptions
        {
            Routes = [new ModelRoute { Provider = "openrouter" }, new ModelRoute { Provider = "together" }],
        };
        _catalog = new ModelCatalog(Options.Create(options));
        _lookup = new CatalogLookup(_catalog, new CacheMetrics(new GatewayMetrics(new HostingEnvironment { EnvironmentName = Environments.Production })));
        // A fresh string, as the parser produces one per request (no reference-equality shortcut).
        _requested = new string(HotPathSamples.Model.AsSpan());
    }

    [Benchmark(Description = "ModelCatalog.TryGetModel")]
    public bool CatalogTryGetModel() => _catalog.TryGetModel(_requested, out _);

    [Benchmark(Description = "CatalogLookup.TryGetModel (hit counted)")]
    public bool LookupTryGetModel() => _lookup.TryGetModel(_requested, out _);
}
