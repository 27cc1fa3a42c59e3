using System.Net;
using System.Text.Json;
using Gatewayz.Tests.Accounts;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Monitoring;

/// <summary>Every <c>/api/monitoring</c> endpoint against known Redis and Postgres data: exact field names and values.</summary>
public sealed class MonitoringApiTests(StorageFixture storage) : IClassFixture<StorageFixture>, IAsyncLifetime
{
    private GatewayHost _gateway = null!;
    private HttpClient _client = null!;
    private Aggregation.SimulatedTraffic _traffic = null!;

    public async Task InitializeAsync()
    {
        var database = await storage.NewDatabaseAsync();
        _traffic = await MonitoringData.SeedRealtimeAsync(await storage.FreshRedisAsync());
        _gateway = await MonitoringGateway.StartAsync(storage, database);
        await MonitoringData.SeedHistoryAsync(database);
        _client = _gateway.CreateHttpClient(apiKey: AdminClient.Token);
    }

    [Fact]
    public async Task Health_lists_each_provider_with_score_status_and_update_time()
    {
        var health = await GetAsync("/api/monitoring/health");

        health.EnumerateArray().Select(item => Fields(item)).ShouldAllBe(fields => fields.SequenceEqual(new[] { "health_score", "last_updated", "provider", "status" }));
        var fireworks = health.EnumerateArray().Single(item => item.GetProperty("provider").GetString() == "fireworks");
        fireworks.GetProperty("health_score").GetDouble().ShouldBe(72);
        fireworks.GetProperty("status").GetString().ShouldBe("degraded");
        fireworks.GetProperty("last_updated").GetString().ShouldBe("2026-11-27T14:30:00Z");
        var one = await GetAsync("/api/monitoring/health/openrouter");
        one.GetProperty("health_score").GetDouble().ShouldBe(95);
        Fields(one).ShouldBe(["health_score", "last_updated", "provider", "status"]);
    }

    [Fact]
    public async Task Errors_returns_the_newest_errors_up_to_the_limit()
    {
        var errors = await GetAsync("/api/monitoring/errors/openrouter?limit=2");

        errors.GetArrayLength().ShouldBe(2);
        Fields(errors[0]).ShouldBe(["error", "latency_ms", "model", "timestamp"]);
        errors[0].GetProperty("error").GetString().ShouldBe("Rate limit exceeded 2");
        errors[0].GetProperty("latency_ms").GetDouble().ShouldBe(1500);
    }

    [Fact]
    public async Task Realtime_stats_sum_the_real_time_store_per_provider()
    {
        var stats = await GetAsync("/api/monitoring/stats/realtime?hours=1");

        Fields(stats).ShouldBe(["avg_health_score", "providers", "timestamp", "total_cost", "total_requests"]);
        var openrouter = stats.GetProperty("providers").GetProperty("openrouter");
        Fields(openrouter).ShouldBe(["health_score", "total_cost", "total_requests"]);
        var expected = _traffic.Expected.Where(pair => pair.Key.Provider == "openrouter").Select(pair => pair.Value).ToList();
        openrouter.GetProperty("total_requests").GetInt64().ShouldBe(expected.Sum(series => series.Requests));
        openrouter.GetProperty("total_cost").GetDecimal().ShouldBe(expected.Sum(series => series.Cost));
        openrouter.GetProperty("health_score").GetDouble().ShouldBe(95);
        stats.GetProperty("total_requests").GetInt64().ShouldBe(_traffic.Expected.Values.Sum(series => series.Requests));
    }

    [Fact]
    public async Task Circuit_breakers_show_state_failures_availability_and_epoch_update_time()
    {
        var breakers = await GetAsync("/api/monitoring/circuit-breakers");
        var fireworks = await GetAsync("/api/monitoring/circuit-breakers/fireworks");

        breakers.GetArrayLength().ShouldBe(2);
        Fields(breakers[0]).ShouldBe(["failure_count", "is_available", "last_updated", "model", "provider", "state"]);
        var open = fireworks.EnumerateArray().ShouldHaveSingleItem();
        open.GetProperty("state").GetString().ShouldBe("OPEN");
        open.GetProperty("failure_count").GetInt32().ShouldBe(5);
        open.GetProperty("is_available").GetBoolean().ShouldBeFalse();
        open.GetProperty("last_updated").GetDouble().ShouldBe(FixedHealthView.Updated.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Latency_reports_the_asked_percentiles_from_the_real_time_histogram()
    {
        var latency = await GetAsync("/api/monitoring/latency/openrouter/openai/gpt-4o?percentiles=50,95,99.9");

        Fields(latency).ShouldBe(["avg", "count", "model", "p50", "p95", "p99.9", "provider"]);
        var expected = _traffic.Expected[("openrouter", "openai/gpt-4o")];
        latency.GetProperty("count").GetInt64().ShouldBe(expected.Requests);
        latency.GetProperty("p95").GetDouble().ShouldBe(expected.Percentile(95), expected.Percentile(95) * 0.025);
    }

    [Fact]
    public async Task Hourly_stats_and_latency_trends_come_from_the_Postgres_history()
    {
        var hourly = await GetAsync("/api/monitoring/stats/hourly/openrouter?hours=24");
        var trends = await GetAsync("/api/monitoring/latency-trends/openrouter?hours=3");

        Fields(hourly).ShouldBe(["hours", "provider", "stats"]);
        hourly.GetProperty("stats").GetArrayLength().ShouldBe(MonitoringData.BaselineHours + 1);
        Fields(hourly.GetProperty("stats")[0]).ShouldBe(["avg_latency_ms", "failed_requests", "hour", "p95_latency_ms", "successful_requests",
            "tokens_in", "tokens_out", "total_cost", "total_requests"]);
        Fields(trends).ShouldBe(["hours", "provider", "trends"]);
        trends.GetProperty("trends").GetArrayLength().ShouldBe(3);
        Fields(trends.GetProperty("trends")[0]).ShouldBe(["avg_latency_ms", "hour", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms", "requests"]);
        trends.GetProperty("trends")[0].GetProperty("p95_latency_ms").GetDouble().ShouldBe(700);
    }

    [Fact]
    public async Task Provider_comparison_reads_the_24_hour_view()
    {
        var comparison = await GetAsync("/api/monitoring/providers/comparison");

        Fields(comparison).ShouldBe(["providers", "timestamp", "total_providers"]);
        comparison.GetProperty("total_providers").GetInt32().ShouldBe(1);
        var openrouter = comparison.GetProperty("providers")[0];
        Fields(openrouter).ShouldBe(["avg_error_rate", "avg_latency_ms", "failed_requests", "provider", "success_rate", "successful_requests",
            "total_cost", "total_requests", "total_tokens", "unique_models"]);
        openrouter.GetProperty("total_requests").GetInt64().ShouldBe(100 * (MonitoringData.BaselineHours + 1));
        openrouter.GetProperty("success_rate").GetDouble().ShouldBe(0.98);
        openrouter.GetProperty("total_cost").GetDecimal().ShouldBe(MonitoringData.BaselineCost * MonitoringData.BaselineHours + MonitoringData.SpikeCost);
    }

    [Fact]
    public async Task Anomalies_find_the_cost_spike_and_count_it_once()
    {
        var report = await GetAsync("/api/monitoring/anomalies");
        await GetAsync("/api/monitoring/anomalies");

        Fields(report).ShouldBe(["anomalies", "critical_count", "timestamp", "total_count", "warning_count"]);
        var anomaly = report.GetProperty("anomalies").EnumerateArray().ShouldHaveSingleItem();
        Fields(anomaly).ShouldBe(["expected", "hour", "provider", "severity", "type", "value"]);
        anomaly.GetProperty("type").GetString().ShouldBe("cost_spike");
        anomaly.GetProperty("severity").GetString().ShouldBe("critical");
        anomaly.GetProperty("value").GetDouble().ShouldBe(10);
        anomaly.GetProperty("expected").GetDouble().ShouldBe(1);
        anomaly.GetProperty("hour").GetString().ShouldBe(MonitoringData.CurrentHour.AddHours(-1).ToString("yyyy-MM-dd:HH"));
        report.GetProperty("critical_count").GetInt32().ShouldBe(1);
        MetricsText.Sum(await _gateway.ScrapeMetricsAsync(), "gatewayz_anomalies_detected_total", ("type", "cost_spike")).ShouldBe(1);
    }

    [Fact]
    public async Task Cost_error_rate_and_token_efficiency_analyses_have_their_documented_fields()
    {
        var cost = await GetAsync("/api/monitoring/cost-analysis?days=7");
        var errors = await GetAsync("/api/monitoring/error-rates?hours=24");
        var tokens = await GetAsync("/api/monitoring/token-efficiency/openrouter/openai/gpt-4o");

        Fields(cost).ShouldBe(["days", "providers", "timestamp", "total_cost", "total_requests"]);
        Fields(cost.GetProperty("providers")[0]).ShouldBe(["cost_per_request", "cost_per_thousand_tokens", "provider", "share_of_cost", "total_cost", "total_requests", "total_tokens"]);
        cost.GetProperty("total_cost").GetDecimal().ShouldBe(18m);
        var model = errors.GetProperty("models").EnumerateArray().ShouldHaveSingleItem();
        Fields(model).ShouldBe(["error_rate", "errors_by_type", "failed_requests", "model", "provider", "total_requests"]);
        model.GetProperty("errors_by_type").GetProperty("timeout").GetInt64().ShouldBe(2 * (MonitoringData.BaselineHours + 1));
        model.GetProperty("error_rate").GetDouble().ShouldBe(0.02);
        Fields(tokens).ShouldBe(["avg_input_tokens", "avg_output_tokens", "cost_per_request", "cost_per_thousand_tokens", "days", "model",
            "output_to_input_ratio", "provider", "tokens_in", "tokens_out", "total_requests"]);
        tokens.GetProperty("output_to_input_ratio").GetDouble().ShouldBe(0.5);
    }

    [Fact]
    public async Task Trial_analytics_reports_the_funnel_in_percent()
    {
        using var admin = new AdminClient(_gateway);
        var users = new List<Guid>();
        foreach (var i in Enumerable.Range(0, 4)) users.Add(await admin.CreateUserAsync($"funnel{i}@example.com"));
        await admin.StartTrialAsync(users[0]);
        await admin.StartTrialAsync(users[1]);
        await admin.ConvertTrialAsync(users[1]);

        var trials = await GetAsync("/api/monitoring/trial-analytics");

        Fields(trials).ShouldBe(["activation_rate", "avg_time_to_conversion_days", "conversion_rate", "converted", "signups", "started_trial", "timestamp"]);
        trials.GetProperty("signups").GetInt64().ShouldBe(4);
        trials.GetProperty("started_trial").GetInt64().ShouldBe(2);
        trials.GetProperty("converted").GetInt64().ShouldBe(1);
        trials.GetProperty("conversion_rate").GetDouble().ShouldBe(25);
        trials.GetProperty("activation_rate").GetDouble().ShouldBe(50);
    }

    [Theory]
    [InlineData("/api/monitoring/stats/realtime?hours=0", "hours")]
    [InlineData("/api/monitoring/stats/realtime?hours=abc", "hours")]
    [InlineData("/api/monitoring/errors/openrouter?limit=101", "limit")]
    [InlineData("/api/monitoring/stats/hourly/openrouter?hours=100000", "hours")]
    [InlineData("/api/monitoring/latency/openrouter/openai/gpt-4o?percentiles=0,50", "percentiles")]
    [InlineData("/api/monitoring/latency/openrouter/openai/gpt-4o?percentiles=p95", "percentiles")]
    [InlineData("/api/monitoring/cost-analysis?days=-1", "days")]
    [InlineData("/api/monitoring/error-rates?hours=1.5", "hours")]
    public async Task A_bad_parameter_gets_400_naming_it_in_the_OpenAI_error_format(string path, string parameter)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        error.GetProperty("param").GetString().ShouldBe(parameter);
        error.GetProperty("type").GetString().ShouldBe("invalid_request_error");
    }

    [Theory]
    [InlineData("/api/monitoring/health/nope")]
    [InlineData("/api/monitoring/errors/nope")]
    [InlineData("/api/monitoring/stats/hourly/nope")]
    [InlineData("/api/monitoring/circuit-breakers/nope")]
    [InlineData("/api/monitoring/latency/nope/openai/gpt-4o")]
    [InlineData("/api/monitoring/latency-trends/nope")]
    [InlineData("/api/monitoring/token-efficiency/nope/openai/gpt-4o")]
    [InlineData("/api/monitoring/latency/openrouter/no-such-model")]
    public async Task An_unknown_provider_or_model_gets_404(string path)
    {
        using var response = await _client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("not_found");
    }

    [Fact]
    public async Task The_monitoring_api_needs_an_api_key_or_the_admin_token()
    {
        using var anonymous = _gateway.CreateHttpClient(apiKey: null);
        using var withKey = _gateway.CreateHttpClient();

        (await anonymous.GetAsync("/api/monitoring/health")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await withKey.GetAsync("/api/monitoring/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _client.GetAsync("/api/monitoring/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string[] Fields(JsonElement element) => [.. element.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal)];

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
    }
}
