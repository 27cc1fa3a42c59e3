using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.RateLimiting;

/// <summary>Writes what <see cref="RateLimitHeadroom"/> admitted locally to the shared Redis counters, every 100 ms.</summary>
internal sealed class RateLimitHeadroomFlusher(RateLimitHeadroom headroom, RedisConnection redis, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!headroom.Enabled) return;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var pending = headroom.TakeUnsynced(RateLimitWindow.StartOf(time.GetUtcNow()));
            if (pending.Count == 0) continue;
            if (redis.TryGetDatabase() is not { } database)
            {
                pending.ForEach(headroom.Unwritten);
                continue;
            }
            try
            {
                var totals = await RedisRateLimitCounters.IncrementAsync(database, pending);
                for (var i = 0; i < pending.Count; i++) headroom.Written(pending[i], totals[i]);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                redis.ReportFailure(exception);
                pending.ForEach(headroom.Unwritten);
            }
        }
    }
}
