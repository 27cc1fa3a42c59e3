using System.Globalization;
using System.Net.Http.Json;
using Gatewayz.Api.Resilience;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Containers;

/// <summary>
/// End to end: a real gateway, scraped by a real Prometheus with the repository's rendered config and rules,
/// alerting a real Alertmanager with the repository's rendered routing tree, which posts to a webhook.
/// Rule <c>for:</c> durations are scaled down (<see cref="MonitoringServers.TimeScale"/>) so each test runs in
/// well under a minute; expressions, thresholds, labels and routing are the shipped ones.
/// </summary>
public sealed class LiveAlertingTests
{
    private const string Model = "meta-llama/llama-3.3-70b-instruct"; // groq is its first route, cerebras the next
    private static readonly string[] GatewayRuleFiles = ["gateway.rules.yml", "providers.rules.yml"];

    [Fact]
    public async Task A_failing_provider_pages_on_call_through_the_routing_tree()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        // The breaker's default pause is scaled like the rules: groq's error counter only moves while the breaker
        // lets a trial call through, and a counter that stops moving has no rate for the alert to see.
        await using var gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:groq:Simulation:ErrorRate"] = "1",
            ["Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds"] = (new CircuitBreakerSettings().BreakDurationSeconds / MonitoringServers.TimeScale).ToString(CultureInfo.InvariantCulture),
        });
        await using var monitoring = await MonitoringServers.StartAsync(gateway.BaseUrl, webhook.Url);
        using var client = gateway.CreateHttpClient();

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !ProviderErrorPage(webhook).Any())
        {
            await ChatAsync(client);
            await Task.Delay(250);
        }

        var page = ProviderErrorPage(webhook).FirstOrDefault();
        page.Receiver.ShouldBe("critical-email", $"no ProviderHighErrorRate notification; webhook got {webhook.Notifications.Count} notifications");
        page.Alert.GetProperty("status").GetString().ShouldBe("firing");
        page.Alert.GetProperty("annotations").GetProperty("runbook_url").GetString().ShouldBe("docs/runbooks.md#providerhigherrorrate");
    }

    [Fact]
    public async Task A_healthy_gateway_raises_no_gateway_or_provider_alert()
    {
        await using var webhook = await WebhookReceiver.StartAsync();
        await using var gateway = GatewayHost.Start();
        await using var monitoring = await MonitoringServers.StartAsync(gateway.BaseUrl, webhook.Url);
        using var client = gateway.CreateHttpClient();

        // 20 scrapes of real traffic. Pending counts as a failure below, so a rule that merely starts
        // to fire on healthy traffic fails the test even if its scaled "for:" has not run out yet.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && await monitoring.QueryAsync($"count_over_time(gatewayz_inference_requests_total{{status=\"success\"}}[1m])") < 20)
        {
            await ChatAsync(client);
            await Task.Delay(250);
        }

        (await monitoring.QueryAsync("count_over_time(gatewayz_inference_requests_total[1m])")).ShouldBeGreaterThanOrEqualTo(20);
        // Only prometheus, gateway-api and alertmanager have targets: the components this test leaves out are
        // jobs without targets, which have no up series that could read 0.
        (await monitoring.QueryAsync("count(up)")).ShouldBe(3);
        foreach (var file in GatewayRuleFiles)
        {
            var states = await monitoring.AlertStatesAsync(file);
            states.ShouldNotBeEmpty(file);
            states.Where(rule => rule.State != "inactive").ShouldBeEmpty(file);
        }
        webhook.Alerts().Where(alert => alert.Alert.GetProperty("labels").GetProperty("component").GetString() is "provider" or "gateway-api" or "model")
            .ShouldBeEmpty();
    }

    private static IEnumerable<(string Receiver, System.Text.Json.JsonElement Alert)> ProviderErrorPage(WebhookReceiver webhook) =>
        webhook.Alerts().Where(alert =>
            alert.Alert.GetProperty("labels") is var labels
            && labels.GetProperty("alertname").GetString() == "ProviderHighErrorRate"
            && labels.GetProperty("provider").GetString() == "groq"
            && labels.GetProperty("severity").GetString() == "critical");

    private static async Task ChatAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("/v1/chat/completions",
            new { model = Model, messages = new[] { new { role = "user", content = "ping" } } });
        response.EnsureSuccessStatusCode();
    }
}
