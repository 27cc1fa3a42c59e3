namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// Queries that may come back empty in the live test, and why. <see cref="Panel"/> and
/// <see cref="RefId"/> narrow the entry; left out, it covers the whole dashboard or panel.
/// <see cref="DependsOnHistory"/> marks queries that have data only after enough time (so may or may not in a test).
/// </summary>
public sealed record LiveAllowListEntry(string Dashboard, string? Panel, string? RefId, bool DependsOnHistory, string Reason)
{
    public bool Covers(DashboardQuery query) =>
        query.DashboardUid == Dashboard
        && (Panel is null || query.PanelTitle == Panel)
        && (RefId is null || query.RefId == RefId);

    public override string ToString() => $"{Dashboard} / {Panel ?? "*"} / {RefId ?? "*"}";
}
