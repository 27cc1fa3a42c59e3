using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The built aggregator run as a real process: <c>dotnet Gatewayz.Aggregator.dll --once</c>.</summary>
public static class AggregatorProcess
{
    public static LocalProcess StartOnce(string postgres, string redis, int retentionHours) =>
        LocalProcess.Start("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "Gatewayz.Aggregator.dll"), "--once",
            $"--ConnectionStrings:gatewayz={postgres};Application Name=gatewayz-aggregator",
            $"--ConnectionStrings:redis={redis}",
            $"--METRICS_REDIS_RETENTION_HOURS={retentionHours}",
        ], workingDirectory: AppContext.BaseDirectory);
}
