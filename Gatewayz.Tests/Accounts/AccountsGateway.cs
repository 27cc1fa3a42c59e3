using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

/// <summary>A gateway on its own fresh account database, with the admin API on and caches short enough for tests.</summary>
public static class AccountsGateway
{
    public static async Task<GatewayHost> StartAsync(StorageFixture storage, string? adminToken = AdminClient.Token) =>
        GatewayHost.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings:gatewayz"] = await storage.NewDatabaseAsync(),
            ["Gatewayz:AdminToken"] = adminToken,
            ["Gatewayz:BalanceCacheSeconds"] = "0",
            ["Gatewayz:BusinessGaugesRefreshSeconds"] = "1",
        });
}
