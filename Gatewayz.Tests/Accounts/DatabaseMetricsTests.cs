using System.Net;
using Gatewayz.Data;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Accounts;

public sealed class DatabaseMetricsTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task Each_kind_of_postgres_work_is_counted_and_timed_by_operation_and_an_unreachable_database_counts_as_errors()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var (_, key) = await admin.CreateFundedKeyAsync("db-metrics@example.com", 5);
        using var client = gateway.CreateHttpClient(key);

        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        foreach (var operation in new[] { "account_admin", "api_key_lookup", "credit_balance_read", "credit_debit_write", "business_counts" })
        {
            var succeeded = await Eventually.ReturnsAsync(
                async () => MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_database_queries_total", ("operation", operation), ("status", "success")),
                count => count > 0);
            succeeded.ShouldBeGreaterThan(0, operation);
        }
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_database_query_duration_seconds_count", ("operation", "api_key_lookup")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_database_queries_total", ("status", "error")).ShouldBe(0);

        var database = gateway.Services.GetRequiredService<GatewayzDatabase>().ConnectionString;
        await storage.SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            using var uncachedKey = gateway.CreateHttpClient("gwz-key-that-must-be-looked-up-0001");
            (await uncachedKey.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await storage.SetConnectionsAllowedAsync(database, allowed: true);
        }
        MetricsText.Sum(await gateway.ScrapeMetricsAsync(), "gatewayz_database_queries_total", ("operation", "api_key_lookup"), ("status", "error")).ShouldBeGreaterThan(0);
    }
}
