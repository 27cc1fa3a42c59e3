namespace Gatewayz.Tests.Grafana.Live;

/// <summary>What one panel query returned: data is at least one series with a number (not NaN).</summary>
public sealed record LiveQueryResult(DashboardQuery Query, IReadOnlyList<PromSeries> Series, string? Error)
{
    public bool HasData => Error is null && Series.Any(series => series.HasNumber);
}
