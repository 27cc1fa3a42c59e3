using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Gatewayz.AppHost.Tests;

/// <summary>
/// The real AppHost in Processes mode (no container engine needed), proven through the resources' own endpoints:
/// every resource healthy, the gateway's metrics on its management endpoint only, a chat completion counted by the
/// Prometheus the AppHost wired (which scrapes that endpoint), the aggregator's pass
/// written to Postgres and served by the monitoring API, and a failing provider paging through Alertmanager.
/// </summary>
public sealed class ProcessStackEndToEndTests(ProcessStackFixture stack, ITestOutputHelper output) : IClassFixture<ProcessStackFixture>
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public void Every_resource_is_running_and_healthy()
    {
        output.WriteLine($"The stack started and every resource was healthy after {stack.StartupTime.TotalSeconds:F1} s.");
        foreach (var name in ProcessStackFixture.Resources)
        {
            stack.App.ResourceNotifications.TryGetCurrentState(name, out var resource).ShouldBeTrue(name);
            resource!.Snapshot.State?.Text.ShouldBe(KnownResourceStates.Running, name);
            resource.Snapshot.HealthStatus.ShouldBe(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, name);
        }
    }

    [Fact]
    public async Task The_gateway_serves_its_metrics_on_the_management_endpoint_and_nothing_else_there()
    {
        using var management = stack.App.CreateHttpClient("api", GatewayServices.ManagementEndpoint);
        using var api = stack.CreateApiClient();

        (await management.GetStringAsync("/metrics")).ShouldContain("# TYPE gatewayz_build_info gauge");
        (await api.GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await management.GetAsync("/v1/models")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/v1/models")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_chat_completion_is_counted_by_the_apphosts_prometheus()
    {
        using var api = stack.CreateApiClient();
        using var prometheus = stack.App.CreateHttpClient("prometheus", "http");
        const string query = $"sum(gatewayz_inference_requests_total{{job=\"gateway-api\",model=\"{ProcessStackFixture.HealthyModel}\",status=\"success\"}})";
        var before = await QueryAsync(prometheus, query);

        await ChatAsync(api, ProcessStackFixture.HealthyModel);

        await EventuallyAsync(async () => await QueryAsync(prometheus, query) >= before + 1,
            "Prometheus never counted the completion from the gateway-api scrape job");
    }

    [Fact]
    public async Task The_aggregators_pass_writes_the_hour_to_postgres_and_the_monitoring_api_serves_it()
    {
        using var api = stack.CreateApiClient();
        var commands = stack.App.Services.GetRequiredService<ResourceCommandService>();
        var connectionString = await stack.App.GetConnectionStringAsync("gatewayz");
        const int requests = 3;
        for (var i = 0; i < requests; i++)
            await ChatAsync(api, ProcessStackFixture.HealthyModel);

        // The real-time store flushes in the background: run the dashboard's "aggregate now" until the hour has them.
        await EventuallyAsync(async () =>
        {
            var result = await commands.ExecuteCommandAsync("aggregator", GatewayServices.AggregateNowCommand);
            result.Success.ShouldBeTrue(result.Message);
            return await HourlyRequestsInPostgresAsync(connectionString!) >= requests;
        }, "the aggregator never wrote this hour's requests to Postgres");

        var hourly = await api.GetFromJsonAsync<JsonElement>($"/api/monitoring/stats/hourly/{ProcessStackFixture.HealthyProvider}?hours=2");
        var hours = hourly.GetProperty("stats").EnumerateArray().ToList();
        hours.ShouldNotBeEmpty();
        hours.Sum(hour => hour.GetProperty("total_requests").GetInt64()).ShouldBeGreaterThanOrEqualTo(requests);
    }

    [Fact]
    public async Task A_failing_provider_fires_its_prometheus_rule_and_alertmanager_receives_the_alert()
    {
        using var api = stack.CreateApiClient();
        using var alertmanager = stack.App.CreateHttpClient("alertmanager", "http");

        var deadline = DateTime.UtcNow + SignalTimeout;
        while (!await AlertmanagerHasAsync(alertmanager, "ProviderHighErrorRate", ProcessStackFixture.FailingProvider))
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"Alertmanager never received ProviderHighErrorRate for {ProcessStackFixture.FailingProvider}");
            await ChatAsync(api, ProcessStackFixture.FailingProviderModel); // answered by the next route
            await Task.Delay(250);
        }
    }

    private static async Task<bool> AlertmanagerHasAsync(HttpClient alertmanager, string alertName, string provider)
    {
        var alerts = await alertmanager.GetFromJsonAsync<JsonElement>("/api/v2/alerts");
        return alerts.EnumerateArray().Any(alert =>
            alert.GetProperty("labels") is var labels
            && labels.GetProperty("alertname").GetString() == alertName
            && labels.TryGetProperty("provider", out var labelled) && labelled.GetString() == provider);
    }

    private async Task<long> HourlyRequestsInPostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select coalesce(sum(requests), 0) from metrics_hourly_aggregates where provider = $1 and model = $2 and hour >= date_trunc('hour', now()) - interval '1 hour'",
            connection)
        {
            Parameters = { new() { Value = ProcessStackFixture.HealthyProvider }, new() { Value = ProcessStackFixture.HealthyModel } },
        };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task ChatAsync(HttpClient api, string model)
    {
        using var response = await api.PostAsJsonAsync("/v1/chat/completions",
            new { model, messages = new[] { new { role = "user", content = "ping" } } });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<double> QueryAsync(HttpClient prometheus, string promql)
    {
        var response = await prometheus.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promql));
        var result = response.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + SignalTimeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, failure);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
