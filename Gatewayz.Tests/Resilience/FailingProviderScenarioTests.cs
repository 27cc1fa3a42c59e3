using System.Diagnostics;
using System.Net;
using Gatewayz.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Resilience;

/// <summary>
/// The issue's "done when": a model on two providers, one failing every call. Once its breaker is
/// open clients see no errors and no extra latency; when it recovers it is probed and re-admitted.
/// The test prints error counts and client latencies for each phase.
/// </summary>
public sealed class FailingProviderScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Model = "test/two-providers";
    private const int Requests = 60;
    private FakeUpstream _failing = null!;
    private FakeUpstream _healthy = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _failing = await FakeUpstream.StartAsync();
        _healthy = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:failing:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:failing:BaseUrl"] = _failing.BaseUrl.ToString(),
            ["Gatewayz:Providers:healthy:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:healthy:BaseUrl"] = _healthy.BaseUrl.ToString(),
            [$"Gatewayz:Models:{Model}:Routes:0:Provider"] = "failing",
            [$"Gatewayz:Models:{Model}:Routes:1:Provider"] = "healthy",
            ["Gatewayz:Resilience:Retry:BaseDelayMilliseconds"] = "20",
            ["Gatewayz:Resilience:Retry:MaxDelayMilliseconds"] = "100",
            ["Gatewayz:Resilience:CircuitBreaker:MinimumThroughput"] = "5",
            ["Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds"] = "1",
            ["Gatewayz:Health:ProbeIntervalSeconds"] = "0.5",
        });
    }

    [Fact]
    public async Task Clients_see_no_errors_while_one_provider_fails_and_it_is_readmitted_after_recovering()
    {
        (await _gateway.PostChatAsync("openai/gpt-4o")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _failing.Behavior = new UpstreamBehavior { Status = 503 };
        var reachedFailing = new LatencySample();
        var skippedFailing = new LatencySample();
        var errors = 0;
        for (var i = 0; i < Requests; i++)
        {
            var callsBefore = _failing.ChatRequestCount;
            var (status, latency) = await TimedPostAsync();
            if (status != HttpStatusCode.OK) errors++;
            (_failing.ChatRequestCount == callsBefore ? skippedFailing : reachedFailing).Add(latency);
            await Task.Delay(40);
        }
        await Task.Delay(1100);
        var failingMetrics = await _gateway.ScrapeMetricsAsync();

        _failing.Behavior = new UpstreamBehavior();
        var readmittedAfter = Stopwatch.StartNew();
        var afterRecovery = new LatencySample();
        while (!await FailingProviderServedAsync())
        {
            readmittedAfter.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "the recovered provider was never re-admitted");
            var (status, latency) = await TimedPostAsync();
            status.ShouldBe(HttpStatusCode.OK);
            afterRecovery.Add(latency);
            await Task.Delay(50);
        }
        var readmittedMs = readmittedAfter.ElapsedMilliseconds;
        var served = _failing.ChatRequestCount;
        var readmitted = new LatencySample();
        for (var i = 0; i < 10; i++)
        {
            var (status, latency) = await TimedPostAsync();
            status.ShouldBe(HttpStatusCode.OK);
            readmitted.Add(latency);
        }
        (await Eventually.TrueAsync(async () => Gauge(await _gateway.ScrapeMetricsAsync(), "gatewayz_provider_availability") == 1)).ShouldBeTrue();
        var recoveredMetrics = await _gateway.ScrapeMetricsAsync();

        var trials = MetricsText.Sum(failingMetrics, "gatewayz_circuit_breaker_transitions_total", ("provider", "failing"), ("state", "half_open"));
        output.WriteLine($"client errors while one provider failed every call: {errors} of {Requests} (one request every ~40 ms, break duration 1 s)");
        output.WriteLine($"requests that reached the failing provider (before the breaker opened, or half-open trials: {trials}): {reachedFailing}");
        output.WriteLine($"requests that skipped it (breaker open): {skippedFailing}");
        output.WriteLine($"re-admitted {readmittedMs} ms after recovery ({afterRecovery.Count} requests in between); then {readmitted}");
        output.WriteLine($"failing provider health score: {Gauge(failingMetrics, "gatewayz_provider_health_score")} while failing, {Gauge(recoveredMetrics, "gatewayz_provider_health_score")} after recovery (errors stay in the 5-minute window)");
        errors.ShouldBe(0);
        reachedFailing.Count.ShouldBeLessThan(Requests / 4);
        skippedFailing.Percentile(0.5).ShouldBeLessThan(reachedFailing.Percentile(0.5));
        Gauge(failingMetrics, "gatewayz_provider_availability").ShouldBe(0);
        Gauge(failingMetrics, "gatewayz_provider_health_score").ShouldBeLessThan(80);
        _failing.ChatRequestCount.ShouldBeGreaterThan(served);
        MetricsText.Sum(recoveredMetrics, "gatewayz_circuit_breaker_state", ("provider", "failing"), ("state", "closed")).ShouldBe(1);
        Gauge(recoveredMetrics, "gatewayz_provider_availability").ShouldBe(1);
    }

    private async Task<bool> FailingProviderServedAsync() =>
        MetricsText.Sum(await _gateway.ScrapeMetricsAsync(), "gatewayz_inference_requests_total", ("provider", "failing"), ("status", "success")) > 0;

    private static double Gauge(string metrics, string name) => MetricsText.Sum(metrics, name, ("provider", "failing"));

    private async Task<(HttpStatusCode Status, TimeSpan Latency)> TimedPostAsync()
    {
        var clock = Stopwatch.StartNew();
        var response = await _gateway.PostChatAsync(Model);
        await response.Content.ReadAsStringAsync();
        return (response.StatusCode, clock.Elapsed);
    }

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _failing.DisposeAsync();
        await _healthy.DisposeAsync();
    }
}
