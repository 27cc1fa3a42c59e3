using Microsoft.Extensions.Options;

namespace Gatewayz.Aggregator;

/// <summary>
/// Runs an aggregation pass every <see cref="AggregationOptions.IntervalMinutes"/>.
/// The Redis → Postgres pass itself arrives with the Postgres issue; until then the worker only
/// keeps its schedule and logs that there is nothing to aggregate.
/// </summary>
public sealed class HourlyAggregationWorker(IOptions<AggregationOptions> options, TimeProvider time, ILogger<HourlyAggregationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.IntervalMinutes), time);
        do
        {
            logger.LogInformation("Aggregation pass: no storage is configured yet, nothing to aggregate.");
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
