using BenchmarkDotNet.Attributes;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gatewayz.Benchmarks;

/// <summary>Authenticating a request: hashing the presented key and resolving it through the caching key store (a warm hit).</summary>
[MemoryDiagnoser]
public class AuthBenchmarks
{
    private const string Key = "gwz_live_8f3a1c9e27b64d0fa51e6c2b9d7e4f10";

    private CachingApiKeyStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var options = new GatewayOptions { ApiKeys = [new ConfiguredApiKey { Key = Key, Name = "bench", UserId = "user-1" }] };
        var metrics = new CacheMetrics(new GatewayMetrics(new HostingEnvironment { EnvironmentName = Environments.Production }));
        _store = new CachingApiKeyStore(new ConfiguredApiKeyStore(Options.Create(options)), metrics, TimeProvider.System,
            new CacheOptions { ApiKeySeconds = 600 }, NullLogger<CachingApiKeyStore>.Instance);
        _store.FindAsync(ApiKeyHash.Of(Key), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "ApiKeyHash.Of")]
    public ApiKeyHash Hash() => ApiKeyHash.Of(Key);

    [Benchmark(Description = "ApiKeyHash.Of + CachingApiKeyStore.FindAsync (hit)")]
    public ValueTask<ClientIdentity?> HashAndFind() => _store.FindAsync(ApiKeyHash.Of(Key), CancellationToken.None);
}
