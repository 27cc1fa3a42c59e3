using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// A gateway under simulated load, scraped every second by a real Prometheus, shared by the tests of
/// <see cref="LiveDashboardCollection"/>. Ready once Prometheus has scraped the final counters.
/// </summary>
public sealed class LiveGatewayFixture : IAsyncLifetime
{
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(12);

    public GatewayHost Gateway { get; private set; } = null!;
    public LivePrometheus Prometheus { get; private set; } = null!;
    public LoadResult Load { get; private set; } = null!;
    public DateTimeOffset LoadStarted { get; private set; }

    public async Task InitializeAsync()
    {
        Gateway = GatewayHost.Start(SimulatedLoad.FlakyProviders());
        Prometheus = await LivePrometheus.StartAsync(Gateway.BaseUrl);
        LoadStarted = DateTimeOffset.UtcNow;
        Load = await SimulatedLoad.RunAsync(Gateway, LoadDuration);
        await WaitForFinalScrapeAsync();
    }

    /// <summary>Waits until Prometheus holds the gateway's final model call count.</summary>
    private async Task WaitForFinalScrapeAsync()
    {
        var expected = MetricsText.Sum(await Gateway.ScrapeMetricsAsync(), "gatewayz_inference_requests_total");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var scraped = await Prometheus.QueryAsync("sum(gatewayz_inference_requests_total)");
            if (scraped.Count == 1 && scraped[0].Samples[0].Value >= expected)
                return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"Prometheus did not scrape {expected} model calls within 15 s");
    }

    public Task DisposeAsync()
    {
        Prometheus?.Dispose();
        Gateway?.Dispose();
        return Task.CompletedTask;
    }
}
