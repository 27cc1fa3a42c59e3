using System.Net;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Caching;

public sealed class CacheLayerTests
{
    [Fact]
    public async Task Api_key_lookups_are_served_from_the_auth_cache_after_the_first_and_counted()
    {
        CountingApiKeyStore? store = null;
        using var host = GatewayHost.Start(services: services => services.AddSingleton<IApiKeyStore>(provider =>
            store = new CountingApiKeyStore(new ConfiguredApiKeyStore(provider.GetRequiredService<IOptions<GatewayOptions>>()))));
        using var client = host.CreateHttpClient();

        for (var i = 0; i < 5; i++) (await client.GetAsync("/v1/models")).StatusCode.ShouldBe(HttpStatusCode.OK);

        store!.Lookups.ShouldBe(1);
        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_cache_hits_total", ("cache_layer", "auth")).ShouldBe(4);
        MetricsText.Sum(metrics, "gatewayz_cache_misses_total", ("cache_layer", "auth")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_cache_hits_total", ("cache_layer", "rate_limit")).ShouldBe(4);
    }

    [Theory]
    [InlineData("10", 1)]
    [InlineData("0", 3)]
    public async Task Unknown_keys_are_answered_from_the_cache_for_UnknownApiKeySeconds(string unknownSeconds, int lookups)
    {
        CountingApiKeyStore? store = null;
        using var host = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:Caching:UnknownApiKeySeconds"] = unknownSeconds },
            services => services.AddSingleton<IApiKeyStore>(provider =>
                store = new CountingApiKeyStore(new ConfiguredApiKeyStore(provider.GetRequiredService<IOptions<GatewayOptions>>()))));
        using var client = host.CreateHttpClient("gwz-not-a-real-key-000000");

        for (var i = 0; i < 3; i++) (await client.GetAsync("/v1/models")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        store!.Lookups.ShouldBe(lookups);
    }

    [Fact]
    public async Task Model_lookups_count_as_model_catalog_hits_and_unknown_models_as_misses()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();

        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostChatAsync(model: "nobody/nothing")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_cache_hits_total", ("cache_layer", "model_catalog")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_cache_misses_total", ("cache_layer", "model_catalog")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_cache_hits_total", ("cache_layer", "trial_analytics")).ShouldBe(0);
        metrics.ShouldContain("cache_layer=\"trial_analytics\"");
    }
}
