using System.Collections.Concurrent;
using System.Globalization;
using Gatewayz.Api.Metrics;
using static Gatewayz.Api.Analytics.AnalyticsResponses;

namespace Gatewayz.Api.Analytics;

/// <summary>
/// Finds cost spikes, latency spikes and error surges in the last 24 hours of history, each hour
/// compared with the mean of its provider's other hours in the past week. Each anomaly is counted
/// once in <c>gatewayz_anomalies_detected_total{type}</c>, however often it is asked for.
/// </summary>
public sealed class AnomalyDetector(MetricsHistory history, AnomalyCounter counter, TimeProvider time)
{
    private const int CandidateHours = 24;
    private const int BaselineHours = 7 * 24;
    private const int MinimumBaselineHours = 3;

    private readonly ConcurrentDictionary<(string Type, string Provider, DateTime Hour), bool> _counted = new();

    public async Task<AnomalyReport> DetectAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rows = await history.ProviderHoursAsync(BaselineHours, cancellationToken);
        var candidatesSince = now.UtcDateTime.AddHours(-CandidateHours - 1);
        var anomalies = new List<Anomaly>();
        foreach (var provider in rows.GroupBy(row => row.Provider))
        {
            var hours = provider.ToList();
            foreach (var candidate in hours.Where(row => row.Hour >= candidatesSince))
            {
                var baseline = hours.Where(row => row.Hour != candidate.Hour).ToList();
                if (baseline.Count < MinimumBaselineHours) continue;
                Check(anomalies, AnomalyThresholds.CostSpike, candidate, (double)candidate.Cost, baseline.Average(row => (double)row.Cost));
                Check(anomalies, AnomalyThresholds.LatencySpike, candidate, candidate.AvgLatencyMs, baseline.Average(row => row.AvgLatencyMs));
                Check(anomalies, AnomalyThresholds.ErrorSurge, candidate, candidate.ErrorRate, baseline.Average(row => row.ErrorRate));
            }
        }
        return new AnomalyReport(now, anomalies, anomalies.Count,
            anomalies.Count(anomaly => anomaly.Severity == "critical"), anomalies.Count(anomaly => anomaly.Severity == "warning"));
    }

    private void Check(List<Anomaly> anomalies, AnomalyThresholds thresholds, ProviderHourRow candidate, double value, double expected)
    {
        if (thresholds.SeverityOf(value, expected) is not { } severity) return;
        anomalies.Add(new Anomaly(thresholds.Type, candidate.Provider, candidate.Hour.ToString("yyyy-MM-dd:HH", CultureInfo.InvariantCulture),
            Math.Round(value, 6), Math.Round(expected, 6), severity));
        if (_counted.TryAdd((thresholds.Type, candidate.Provider, candidate.Hour), true))
            counter.Detected(thresholds.Type);
    }
}
