using Gatewayz.Api.Health;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Monitoring;

public static class MonitoringGateway
{
    /// <summary>A gateway reading the fixture's Redis and (when given) a Postgres database, with a fixed health view.</summary>
    public static async Task<GatewayHost> StartAsync(StorageFixture storage, string? database)
    {
        var gateway = GatewayHost.Start(
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:redis"] = storage.Redis.ConnectionString,
                ["ConnectionStrings:gatewayz"] = database,
                ["Gatewayz:AdminToken"] = AdminClient.Token,
            },
            services => services.AddSingleton<IProviderHealthView, FixedHealthView>());
        (await gateway.Services.GetRequiredService<RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(10))).ShouldBeTrue();
        return gateway;
    }
}
