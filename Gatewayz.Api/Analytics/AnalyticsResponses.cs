namespace Gatewayz.Api.Analytics;

/// <summary>The history answers of the monitoring API (from Postgres); property names become snake_case fields.</summary>
public static class AnalyticsResponses
{
    public sealed record HourlyStat(DateTime Hour, long TotalRequests, long SuccessfulRequests, long FailedRequests, double AvgLatencyMs,
        double P95LatencyMs, decimal TotalCost, long TokensIn, long TokensOut);

    public sealed record HourlyStats(string Provider, int Hours, IReadOnlyList<HourlyStat> Stats);

    public sealed record LatencyTrendPoint(DateTime Hour, long Requests, double AvgLatencyMs, double P50LatencyMs, double P95LatencyMs, double P99LatencyMs);

    public sealed record LatencyTrends(string Provider, int Hours, IReadOnlyList<LatencyTrendPoint> Trends);

    public sealed record ProviderComparisonEntry(string Provider, long TotalRequests, long SuccessfulRequests, long FailedRequests, double AvgLatencyMs,
        decimal TotalCost, long TotalTokens, double AvgErrorRate, int UniqueModels, double SuccessRate);

    public sealed record ProviderComparison(DateTimeOffset Timestamp, IReadOnlyList<ProviderComparisonEntry> Providers, int TotalProviders);

    public sealed record ProviderCost(string Provider, decimal TotalCost, long TotalRequests, long TotalTokens, decimal CostPerRequest, decimal CostPerThousandTokens, double ShareOfCost);

    public sealed record CostAnalysis(DateTimeOffset Timestamp, int Days, decimal TotalCost, long TotalRequests, IReadOnlyList<ProviderCost> Providers);

    public sealed record ModelErrorRate(string Provider, string Model, long TotalRequests, long FailedRequests, double ErrorRate, IReadOnlyDictionary<string, long> ErrorsByType);

    public sealed record ErrorRates(DateTimeOffset Timestamp, int Hours, IReadOnlyList<ModelErrorRate> Models);

    public sealed record TokenEfficiency(string Provider, string Model, int Days, long TotalRequests, long TokensIn, long TokensOut, double AvgInputTokens,
        double AvgOutputTokens, double OutputToInputRatio, decimal CostPerThousandTokens, decimal CostPerRequest);

    public sealed record TrialAnalytics(DateTimeOffset Timestamp, long Signups, long StartedTrial, long Converted, double ConversionRate,
        double ActivationRate, double AvgTimeToConversionDays);

    public sealed record Anomaly(string Type, string Provider, string Hour, double Value, double Expected, string Severity);

    public sealed record AnomalyReport(DateTimeOffset Timestamp, IReadOnlyList<Anomaly> Anomalies, int TotalCount, int CriticalCount, int WarningCount);
}
