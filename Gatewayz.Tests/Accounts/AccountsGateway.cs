using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Accounts;

/// <summary>A gateway on its own fresh account database, with the admin API on and caches short enough for tests.</summary>
public static class AccountsGateway
{
    /// <param name="settings">More configuration (an upstream, a model), applied over the account settings.</param>
    /// <param name="environment">The host environment (Development unless a test needs another).</param>
    public static async Task<GatewayHost> StartAsync(StorageFixture storage, string? adminToken = AdminClient.Token,
        IDictionary<string, string?>? settings = null, string environment = "Development") =>
        StartOn(await storage.NewDatabaseAsync(), adminToken, settings, environment);

    /// <summary>A gateway on an existing account database: several of them on one database are replicas of one deployment.</summary>
    public static GatewayHost StartOn(string database, string? adminToken = AdminClient.Token, IDictionary<string, string?>? settings = null,
        string environment = "Development")
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:gatewayz"] = database,
            ["Gatewayz:AdminToken"] = adminToken,
            ["Gatewayz:BalanceCacheSeconds"] = "0",
            ["Gatewayz:BusinessGaugesRefreshSeconds"] = "1",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            all[key] = value;
        return GatewayHost.Start(all, environment: environment);
    }
}
