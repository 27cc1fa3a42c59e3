using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Monitoring;

/// <summary>Platform-wide monitoring and analytics for the admin token and monitoring keys; every key its own usage.</summary>
public sealed class MonitoringRoleTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    /// <summary>Every platform-wide endpoint: providers' health and errors, every customer's traffic, spend and sign-ups.</summary>
    private static readonly string[] PlatformEndpoints =
    [
        "/api/monitoring/health",
        "/api/monitoring/health/openrouter",
        "/api/monitoring/errors/openrouter",
        "/api/monitoring/stats/realtime",
        "/api/monitoring/circuit-breakers",
        "/api/monitoring/circuit-breakers/openrouter",
        $"/api/monitoring/latency/openrouter/{PricedChat.Model}",
        "/api/monitoring/stats/hourly/openrouter",
        "/api/monitoring/latency-trends/openrouter",
        "/api/monitoring/providers/comparison",
        "/api/monitoring/cost-analysis",
        "/api/monitoring/error-rates",
        $"/api/monitoring/token-efficiency/openrouter/{PricedChat.Model}",
        "/api/monitoring/anomalies",
        "/api/monitoring/trial-analytics",
    ];

    [Fact]
    public async Task An_ordinary_key_gets_403_from_every_platform_endpoint_and_reads_only_its_own_usage()
    {
        using var gateway = await AccountsGateway.StartAsync(storage, settings: new Dictionary<string, string?>().Priced());
        using var admin = new AdminClient(gateway);
        var (user, key) = await admin.CreateFundedKeyAsync("customer@example.com", 5);
        // A grant is not a request, whatever its reason says.
        using (var grant = await admin.RawAsync(HttpMethod.Post, $"/admin/users/{user}/credits", new { amount = 1, reason = "usage: refund" }))
            grant.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (neighbour, _) = await admin.CreateFundedKeyAsync("neighbour@example.com", 5);
        using var customer = gateway.CreateHttpClient(key);
        var (_, first) = await PricedChat.PostAsync(customer, "one");
        var (_, second) = await PricedChat.PostAsync(customer, "two");

        var statuses = new List<HttpStatusCode>();
        foreach (var path in PlatformEndpoints)
        {
            using var response = await customer.GetAsync(path);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Forbidden)
                await ErrorJson.ShouldBeOpenAiError(response, 403, "insufficient_role");
        }
        output.WriteLine($"ordinary key: {statuses.Count(status => status == HttpStatusCode.Forbidden)} of {statuses.Count} platform endpoints refused");
        statuses.ShouldAllBe(status => status == HttpStatusCode.Forbidden);

        // Debits reach the ledger within moments of the answers.
        var usage = await Eventually.ReturnsAsync(() => customer.GetFromJsonAsync<JsonElement>("/api/monitoring/usage"),
            report => report.GetProperty("requests").GetInt64() == 2, TimeSpan.FromSeconds(10));
        usage.GetProperty("user_id").GetString().ShouldBe(user.ToString());
        usage.GetProperty("spend").GetDecimal().ShouldBe(first + second);
        usage.GetProperty("balance").GetDecimal().ShouldBe(6 - first - second);
        var model = usage.GetProperty("models").EnumerateArray().ShouldHaveSingleItem();
        model.GetProperty("model").GetString().ShouldBe(PricedChat.Model);
        model.GetProperty("requests").GetInt64().ShouldBe(2);
        usage.GetProperty("daily").GetArrayLength().ShouldBe(1);
        using (var raw = await customer.GetAsync("/api/monitoring/usage"))
            raw.Headers.CacheControl?.NoStore.ShouldBeTrue("a balance and spend are no cache's business");

        using var others = await customer.GetAsync($"/api/monitoring/usage?user_id={neighbour}");
        await ErrorJson.ShouldBeOpenAiError(others, 403, "insufficient_role");
        using var asAdmin = gateway.CreateHttpClient(AdminClient.Token);
        var neighbourUsage = await asAdmin.GetFromJsonAsync<JsonElement>($"/api/monitoring/usage?user_id={neighbour}");
        neighbourUsage.GetProperty("requests").GetInt64().ShouldBe(0);
        neighbourUsage.GetProperty("balance").GetDecimal().ShouldBe(5);
        await ErrorJson.ShouldBeOpenAiError(await asAdmin.GetAsync("/api/monitoring/usage?user_id=zzz"), 400, "invalid_value");
    }

    [Fact]
    public async Task A_monitoring_role_set_through_the_admin_api_opens_the_platform_api_at_once_and_taking_it_away_closes_it()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("operator@example.com");
        var (keyId, key) = await admin.CreateKeyAsync(user);
        using var operatorClient = gateway.CreateHttpClient(key);
        (await operatorClient.GetAsync("/api/monitoring/trial-analytics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var granted = await admin.SetRolesAsync(keyId, "monitoring");
        granted.GetProperty("roles").EnumerateArray().Select(role => role.GetString()).ShouldBe(["monitoring"]);
        (await operatorClient.GetAsync("/api/monitoring/trial-analytics")).StatusCode.ShouldBe(HttpStatusCode.OK,
            "the key's cached resolution must be dropped when its roles change");

        await admin.SetRolesAsync(keyId);
        (await operatorClient.GetAsync("/api/monitoring/trial-analytics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (_, monitoringKey) = await admin.CreateKeyAsync(user, "dashboards", roles: ["monitoring"]);
        using var dashboards = gateway.CreateHttpClient(monitoringKey);
        (await dashboards.GetAsync("/api/monitoring/cost-analysis")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_role_the_gateway_does_not_know_is_a_400_naming_it_and_changes_nothing()
    {
        using var gateway = await AccountsGateway.StartAsync(storage);
        using var admin = new AdminClient(gateway);
        var user = await admin.CreateUserAsync("roles@example.com");
        var (keyId, key) = await admin.CreateKeyAsync(user);

        using var unknown = await admin.RawAsync(HttpMethod.Put, $"/admin/api-keys/{keyId}/roles", new { roles = new[] { "monitoring", "admin" } });
        await ErrorJson.ShouldBeOpenAiError(unknown, 400, "invalid_value");
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("\"param\":\"roles[1]\"");
        using var missing = await admin.RawAsync(HttpMethod.Put, $"/admin/api-keys/{keyId}/roles", new { });
        await ErrorJson.ShouldBeOpenAiError(missing, 400, "missing_required_parameter");
        using var onCreate = await admin.RawAsync(HttpMethod.Post, $"/admin/users/{user}/api-keys", new { name = "k", roles = new[] { "root" } });
        await ErrorJson.ShouldBeOpenAiError(onCreate, 400, "invalid_value");
        using var adminHttp = gateway.CreateHttpClient(AdminClient.Token);
        using var empty = await adminHttp.PutAsync($"/admin/api-keys/{keyId}/roles", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        await ErrorJson.ShouldBeOpenAiError(empty, 400, "missing_required_parameter");
        var (revokedId, _) = await admin.CreateKeyAsync(user, "revoked");
        await admin.RevokeKeyAsync(revokedId);
        using var onRevoked = await admin.RawAsync(HttpMethod.Put, $"/admin/api-keys/{revokedId}/roles", new { roles = new[] { "monitoring" } });
        await ErrorJson.ShouldBeOpenAiError(onRevoked, 404, "api_key_not_found");

        using var client = gateway.CreateHttpClient(key);
        (await client.GetAsync("/api/monitoring/health")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_configured_key_without_the_monitoring_role_is_refused_and_the_development_key_with_it_is_served()
    {
        const string plainKey = "gwz-test-plain-key-0001";
        await using var gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:ApiKeys:1:Key"] = plainKey,
            ["Gatewayz:ApiKeys:1:Name"] = "plain",
            ["Gatewayz:ApiKeys:1:UserId"] = "plain-user",
        });
        using var plain = gateway.CreateHttpClient(plainKey);
        using var development = gateway.CreateHttpClient();

        using var refused = await plain.GetAsync("/api/monitoring/stats/realtime");
        await ErrorJson.ShouldBeOpenAiError(refused, 403, "insufficient_role");
        (await development.GetAsync("/api/monitoring/stats/realtime")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var anonymous = gateway.CreateHttpClient(apiKey: null);
        await ErrorJson.ShouldBeOpenAiError(await anonymous.GetAsync("/api/monitoring/health"), 401, "missing_api_key");
    }
}
