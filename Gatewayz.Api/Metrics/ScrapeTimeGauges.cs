namespace Gatewayz.Api.Metrics;

/// <summary>
/// Creates the gauges that register scrape-time callbacks when the host starts (after the options
/// have been validated), so that they exist before the first scrape.
/// </summary>
public sealed class ScrapeTimeGauges(BusinessGauges business, ModelUsageGauges models, RealtimeQueueGauge realtimeQueue) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive((business, models, realtimeQueue));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
