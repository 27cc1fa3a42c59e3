using static Gatewayz.Api.Analytics.AnalyticsResponses;

namespace Gatewayz.Api.Analytics;

public static class CostAnalysisReport
{
    public static CostAnalysis Build(DateTimeOffset timestamp, int days, IReadOnlyList<ProviderCostRow> rows)
    {
        var total = rows.Sum(row => row.TotalCost);
        return new CostAnalysis(timestamp, days, total, rows.Sum(row => row.TotalRequests), [.. rows.Select(row => new ProviderCost(
            row.Provider,
            row.TotalCost,
            row.TotalRequests,
            row.TotalTokens,
            row.TotalRequests == 0 ? 0 : Math.Round(row.TotalCost / row.TotalRequests, 8),
            row.TotalTokens == 0 ? 0 : Math.Round(row.TotalCost * 1000 / row.TotalTokens, 8),
            total == 0 ? 0 : Math.Round((double)(row.TotalCost / total), 4)))]);
    }
}
