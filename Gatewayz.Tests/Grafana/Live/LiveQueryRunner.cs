namespace Gatewayz.Tests.Grafana.Live;

/// <summary>Runs dashboard queries as instant queries, a few at a time; results are cached per Prometheus.</summary>
public static class LiveQueryRunner
{
    private static readonly Dictionary<LivePrometheus, Task<List<LiveQueryResult>>> Cache = [];

    public static Task<List<LiveQueryResult>> RunAsync(LivePrometheus prometheus, IEnumerable<DashboardQuery> queries)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(prometheus, out var results))
                Cache[prometheus] = results = RunUncachedAsync(prometheus, [.. queries]);
            return results;
        }
    }

    private static async Task<List<LiveQueryResult>> RunUncachedAsync(LivePrometheus prometheus, List<DashboardQuery> queries)
    {
        var at = DateTimeOffset.UtcNow;
        using var gate = new SemaphoreSlim(4);
        return [.. await Task.WhenAll(queries.Select(async query =>
        {
            await gate.WaitAsync();
            try
            {
                return new LiveQueryResult(query, await prometheus.QueryAsync(GrafanaVariables.Substitute(query), at), null);
            }
            catch (InvalidOperationException e)
            {
                return new LiveQueryResult(query, [], e.Message);
            }
            finally
            {
                gate.Release();
            }
        }))];
    }
}
