using Xunit.Abstractions;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// Runs every PromQL panel query of every dashboard against a real Prometheus that scraped a real
/// gateway under load. Queries that cannot have data yet are listed, with reasons, in
/// <c>containers/grafana/tests/live-allow-list.json</c>; that list may only name queries that are still empty.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public sealed class DashboardLiveDataTests(LiveGatewayFixture live, ITestOutputHelper output)
{
    [Fact]
    public void Simulated_load_sent_hundreds_of_requests_and_some_failed()
    {
        output.WriteLine($"{live.Load.Succeeded} requests succeeded, {live.Load.Failed} failed");
        live.Load.Total.ShouldBeGreaterThan(200);
        live.Load.Failed.ShouldBeGreaterThan(0);
        live.Load.Succeeded.ShouldBeGreaterThan(live.Load.Failed);
    }

    [Fact]
    public async Task Every_prometheus_panel_query_returns_data_unless_allow_listed()
    {
        var results = await RunAllAsync();
        var empty = results.Where(r => !r.HasData && LiveAllowList.EntryFor(r.Query) is null).Select(r => $"{r.Query.Key}: {r.Error ?? "no data"}").ToList();

        results.Count.ShouldBeGreaterThan(50);
        empty.ShouldBeEmpty($"panel queries without data (fix the query, or allow-list them in {LiveAllowList.File} with a reason)");
    }

    [Fact]
    public async Task Allow_list_names_only_existing_queries_that_are_still_empty()
    {
        var results = await RunAllAsync();
        var stale = LiveAllowList.Entries
            .Select(entry => (entry, covered: results.Where(r => entry.Covers(r.Query)).ToList()))
            .Where(e => e.covered.Count == 0 || (!e.entry.DependsOnHistory && e.covered.All(r => r.HasData)))
            .Select(e => e.covered.Count == 0 ? $"{e.entry}: matches no PromQL panel query" : $"{e.entry}: all its queries have data now, remove it")
            .ToList();

        stale.ShouldBeEmpty();
    }

    [Fact]
    public async Task Query_errors_are_never_allow_listed()
    {
        var errors = (await RunAllAsync()).Where(r => r.Error is not null).Select(r => $"{r.Query.Key}: {r.Error}").ToList();

        errors.ShouldBeEmpty();
    }

    private Task<List<LiveQueryResult>> RunAllAsync() => LiveQueryRunner.RunAsync(live.Prometheus, ShippedDashboards.PrometheusQueries);
}
