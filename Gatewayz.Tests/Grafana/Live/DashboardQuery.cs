namespace Gatewayz.Tests.Grafana.Live;

/// <summary>One query target of one panel of a shipped dashboard.</summary>
public sealed record DashboardQuery(
    string DashboardUid,
    string PanelTitle,
    string PanelType,
    string RefId,
    string DatasourceUid,
    string Expression,
    IReadOnlySet<string> Variables)
{
    public string Key => $"{DashboardUid} / {PanelTitle} / {RefId}";

    public override string ToString() => Key;
}
