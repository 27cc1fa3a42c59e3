using Microsoft.Extensions.Options;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>
/// Runs a pass at start and then every <see cref="AggregationOptions.IntervalMinutes"/>. A failed pass
/// (Redis or Postgres down) is retried with a doubling back-off up to the interval; since a pass
/// deletes only what it has committed, an outage delays the history but loses none of it.
/// </summary>
public sealed class HourlyAggregationWorker(HourlyAggregationPass pass, IOptions<AggregationOptions> options, TimeProvider time)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.IntervalMinutes);
        var retry = TimeSpan.FromSeconds(options.Value.RetrySeconds);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                await pass.RunAsync(stoppingToken);
                failures = 0;
                wait = interval;
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                var backoff = retry * Math.Pow(2, Math.Min(failures - 1, 16));
                wait = backoff < interval ? backoff : interval;
            }
            await Task.Delay(wait, time, stoppingToken);
        }
    }
}
