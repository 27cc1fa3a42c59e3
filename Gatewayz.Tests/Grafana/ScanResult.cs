namespace Gatewayz.Tests.Grafana;

/// <summary>What a scan of a dashboard or alert rule file found: the queries to parse, and problems already seen.</summary>
public sealed class ScanResult
{
    public List<GrafanaQuery> Queries { get; } = [];

    public List<string> Problems { get; } = [];

    public void Add(ScanResult other)
    {
        Queries.AddRange(other.Queries);
        Problems.AddRange(other.Problems);
    }
}
