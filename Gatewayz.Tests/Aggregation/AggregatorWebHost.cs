extern alias aggregator;
using Gatewayz.RealtimeMetrics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The aggregator's real web host in-process: its scheduled worker, <c>/metrics</c>, <c>/health</c> and <c>/aggregation/run</c>.</summary>
public static class AggregatorWebHost
{
    public static WebApplicationFactory<aggregator::Program> Create(string postgres, string redis, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<aggregator::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:gatewayz", postgres);
            builder.UseSetting("ConnectionStrings:redis", redis);
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

    /// <summary>A client once the host has started and its first Redis connection attempt has finished.</summary>
    public static async Task<HttpClient> ClientAsync(this WebApplicationFactory<aggregator::Program> factory)
    {
        var client = factory.CreateClient();
        await factory.Services.GetRequiredService<RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(5));
        return client;
    }
}
