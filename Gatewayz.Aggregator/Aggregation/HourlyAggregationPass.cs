using System.Diagnostics;
using Gatewayz.Aggregator.Metrics;
using Gatewayz.Data;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Options;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>
/// One Redis → Postgres pass: every completed hour in the real-time store is upserted (one
/// transaction per hour), the 24 h provider view is refreshed, and hours older than the retention
/// are deleted from Redis — only hours this pass has just committed, so nothing is ever lost.
/// A pass may also upsert the current hour's partial totals; a later pass overwrites them, and the
/// current hour never leaves Redis. Passes in one process run one at a time.
/// </summary>
public sealed class HourlyAggregationPass(
    IRealtimeMetricsReader reader,
    HourlyAggregateStore store,
    DatabaseMigrator migrator,
    IOptions<AggregationOptions> options,
    AggregatorMetrics metrics,
    TimeProvider time,
    ILogger<HourlyAggregationPass> logger)
{
    // Serializes the scheduled worker and on-demand runs in this process: two passes at once would take
    // each other's per-hour advisory locks and report those hours as skipped. Replicas rely on the locks.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>Runs one pass, including the current hour when <see cref="AggregationOptions.IncludeCurrentHour"/> says so.</summary>
    public Task<AggregationPassResult> RunAsync(CancellationToken cancellationToken) =>
        RunAsync(options.Value.IncludeCurrentHour, cancellationToken);

    /// <summary>
    /// Runs one pass once no other pass of this process is running; with <paramref name="includeCurrentHour"/>
    /// the current, still-open hour is upserted too, with its totals so far.
    /// </summary>
    public async Task<AggregationPassResult> RunAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await MeasureAsync(includeCurrentHour, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<AggregationPassResult> MeasureAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Runs.Inc();
        try
        {
            var result = await AggregateAsync(includeCurrentHour, cancellationToken);
            metrics.RowsWritten.Inc(result.RowsWritten);
            metrics.HoursAggregated.Inc(result.AggregatedHours.Count);
            metrics.LastSuccess.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            logger.LogInformation("Aggregated {Hours} hour(s), {Rows} row(s) (current hour included: {IncludeCurrentHour}); {Skipped} held by another replica; deleted {Deleted} hour(s) from Redis",
                result.AggregatedHours.Count, result.RowsWritten, includeCurrentHour, result.SkippedHours.Count, result.DeletedHours.Count);
            return result;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Failures.Inc();
            logger.LogWarning(exception, "Aggregation pass failed; nothing was deleted from Redis");
            throw;
        }
        finally
        {
            metrics.RunDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    private async Task<AggregationPassResult> AggregateAsync(bool includeCurrentHour, CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var currentHour = RealtimeHours.Truncate(now);
        var deleteBefore = now.AddHours(-options.Value.RedisRetentionHours);

        List<DateTimeOffset> aggregated = [], skipped = [], deleted = [];
        var rows = 0;
        foreach (var hour in await reader.ListHoursAsync(cancellationToken))
        {
            // Hours after the current one only come from a writer whose clock runs ahead: left for later.
            if (hour > currentHour || (hour == currentHour && !includeCurrentHour)) continue;
            var counters = await reader.ReadHourAsync(hour, cancellationToken);
            var hourRows = counters.Select(HourlyAggregateRow.From).ToList();
            if (await store.WriteHourAsync(hour, hourRows, cancellationToken))
            {
                aggregated.Add(hour);
                rows += hourRows.Count;
            }
            else
            {
                skipped.Add(hour);
            }
        }

        if (aggregated.Count > 0)
            await store.RefreshProviderStatsAsync(cancellationToken);

        // The current hour is still being written, so its partial totals are never a reason to delete it.
        foreach (var hour in aggregated.Where(hour => hour < currentHour && hour.AddHours(1) <= deleteBefore))
        {
            await reader.DeleteHourAsync(hour, cancellationToken);
            deleted.Add(hour);
        }
        return new AggregationPassResult(aggregated, skipped, rows, deleted);
    }
}
