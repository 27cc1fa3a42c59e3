namespace Gatewayz.Aggregator.Aggregation;

/// <summary>
/// The answer of <c>POST /aggregation/run</c>: what the pass did. Hours are UTC and serialize as
/// ISO 8601 with a <c>Z</c> (<c>2025-11-27T14:00:00Z</c>).
/// </summary>
/// <param name="IncludedCurrentHour">Whether the pass also upserted the current, still-open hour.</param>
/// <param name="AggregatedHours">Hours upserted into <c>metrics_hourly_aggregates</c>.</param>
/// <param name="RowsWritten">(hour, provider, model) rows upserted.</param>
/// <param name="SkippedHours">Hours left alone because another replica held their lock.</param>
/// <param name="DeletedHours">Hours removed from Redis, being committed and past the retention.</param>
public sealed record AggregationRunResponse(
    bool IncludedCurrentHour,
    IReadOnlyList<DateTime> AggregatedHours,
    int RowsWritten,
    IReadOnlyList<DateTime> SkippedHours,
    IReadOnlyList<DateTime> DeletedHours)
{
    /// <summary>The response for a pass's result.</summary>
    public static AggregationRunResponse From(bool includedCurrentHour, AggregationPassResult result) => new(
        includedCurrentHour, Utc(result.AggregatedHours), result.RowsWritten, Utc(result.SkippedHours), Utc(result.DeletedHours));

    // A UTC DateTime serializes with a "Z", where a DateTimeOffset would end in "+00:00".
    private static DateTime[] Utc(IReadOnlyList<DateTimeOffset> hours) => [.. hours.Select(hour => hour.UtcDateTime)];
}
