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

    /// <summary>One model's share of a user's usage: answered requests and their spend in US dollars (credits).</summary>
    public sealed record ModelUsage(string Model, long Requests, decimal Spend);

    /// <summary>One UTC day of a user's usage.</summary>
    public sealed record DailyUsage(DateOnly Date, long Requests, decimal Spend);

    /// <summary>
    /// A user's own usage since <paramref name="Since"/> (the start of the UTC day <paramref name="Days"/> − 1 days ago);
    /// <paramref name="Balance"/> is the credit balance in US dollars, null when the user has none.
    /// </summary>
    public sealed record UsageReport(string UserId, DateTimeOffset Timestamp, int Days, DateTime Since, decimal? Balance, long Requests, decimal Spend,
        IReadOnlyList<ModelUsage> Models, IReadOnlyList<DailyUsage> Daily);
}
