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
    public async Task<AggregationPassResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        metrics.Runs.Inc();
        try
        {
            var result = await AggregateAsync(cancellationToken);
            metrics.RowsWritten.Inc(result.RowsWritten);
            metrics.HoursAggregated.Inc(result.AggregatedHours.Count);
            metrics.LastSuccess.Set(time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0);
            logger.LogInformation("Aggregated {Hours} hour(s), {Rows} row(s); {Skipped} held by another replica; deleted {Deleted} hour(s) from Redis",
                result.AggregatedHours.Count, result.RowsWritten, result.SkippedHours.Count, result.DeletedHours.Count);
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

    private async Task<AggregationPassResult> AggregateAsync(CancellationToken cancellationToken)
    {
        await migrator.EnsureMigratedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var currentHour = RealtimeHours.Truncate(now);
        var deleteBefore = now.AddHours(-options.Value.RedisRetentionHours);

        List<DateTimeOffset> aggregated = [], skipped = [], deleted = [];
        var rows = 0;
        foreach (var hour in await reader.ListHoursAsync(cancellationToken))
        {
            if (hour >= currentHour) continue;
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

        foreach (var hour in aggregated.Where(hour => hour.AddHours(1) <= deleteBefore))
        {
            await reader.DeleteHourAsync(hour, cancellationToken);
            deleted.Add(hour);
        }
        return new AggregationPassResult(aggregated, skipped, rows, deleted);
    }
}
