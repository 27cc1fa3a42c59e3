extern alias aggregator;
using aggregator::Gatewayz.Aggregator.Aggregation;
using aggregator::Gatewayz.Aggregator.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The aggregator's own service registration, built in-process against the test's Postgres and Redis.</summary>
public sealed class AggregatorFactory : IAsyncDisposable
{
    private readonly IHost _host;

    public AggregatorFactory(string postgres, string redis, int retentionHours = 1)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:gatewayz"] = postgres,
            ["ConnectionStrings:redis"] = redis,
            ["METRICS_REDIS_RETENTION_HOURS"] = retentionHours.ToString(),
        });
        builder.AddHourlyAggregation();
        _host = builder.Build();
    }

    public HourlyAggregationPass Pass => _host.Services.GetRequiredService<HourlyAggregationPass>();

    public AggregatorMetrics Metrics => _host.Services.GetRequiredService<AggregatorMetrics>();

    public async Task<AggregationPassResult> RunAsync()
    {
        await _host.Services.GetRequiredService<Gatewayz.RealtimeMetrics.RedisConnection>().WaitUntilConnectedAsync(TimeSpan.FromSeconds(5));
        return await Pass.RunAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable) await disposable.DisposeAsync();
        else _host.Dispose();
    }
}
