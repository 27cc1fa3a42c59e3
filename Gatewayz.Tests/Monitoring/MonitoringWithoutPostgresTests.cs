using System.Net;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Monitoring;

public sealed class MonitoringWithoutPostgresTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Without_Postgres_history_endpoints_answer_503_and_real_time_ones_keep_working()
    {
        await MonitoringData.SeedRealtimeAsync(await storage.FreshRedisAsync());
        await using var gateway = await MonitoringGateway.StartAsync(storage, database: null);
        using var client = gateway.CreateHttpClient(apiKey: AdminClient.Token);

        using var realtime = await client.GetAsync("/api/monitoring/stats/realtime");
        using var hourly = await client.GetAsync("/api/monitoring/stats/hourly/openrouter");
        using var trials = await client.GetAsync("/api/monitoring/trial-analytics");
        using var admin = await client.PostAsync("/admin/users", null);

        realtime.StatusCode.ShouldBe(HttpStatusCode.OK);
        hourly.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await hourly.Content.ReadAsStringAsync()).ShouldContain("history_unavailable");
        trials.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        admin.StatusCode.ShouldBe(HttpStatusCode.NotFound, "the admin API needs the account database");
    }
}
