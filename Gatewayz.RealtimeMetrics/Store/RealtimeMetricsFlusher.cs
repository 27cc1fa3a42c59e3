using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>
/// Drains the store's queue off the request path: whatever has arrived is added up into one batch
/// and written in one Redis transaction. When idle it still flushes every second, so that outcomes
/// kept in memory during a Redis outage reach Redis soon after it is back.
/// </summary>
public sealed class RealtimeMetricsFlusher(RealtimeMetricsStore store, ILogger<RealtimeMetricsFlusher> logger) : BackgroundService
{
    private const int MaxBatch = 5_000;
    private static readonly TimeSpan IdleFlush = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await WaitForOutcomesAsync(stoppingToken);
            await FlushQueuedAsync();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushQueuedAsync(); // what was queued at shutdown
    }

    private async Task WaitForOutcomesAsync(CancellationToken stoppingToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        idle.CancelAfter(IdleFlush);
        try
        {
            await store.Queue.WaitToReadAsync(idle.Token);
        }
        catch (OperationCanceledException)
        {
            // idle tick or shutdown: flush whatever is there
        }
    }

    private async Task FlushQueuedAsync()
    {
        var batch = new RealtimeBatch();
        for (var count = 0; count < MaxBatch && store.Queue.TryRead(out var outcome); count++)
            batch.Add(outcome);
        try
        {
            await store.FlushAsync(batch);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not store {Series} real-time series.", batch.Series.Count);
        }
    }
}
