namespace Gatewayz.Aggregator.Aggregation;

/// <summary>What one pass did: hours written to Postgres, hours another replica held, rows upserted, hours removed from Redis.</summary>
public sealed record AggregationPassResult(
    IReadOnlyList<DateTimeOffset> AggregatedHours,
    IReadOnlyList<DateTimeOffset> SkippedHours,
    int RowsWritten,
    IReadOnlyList<DateTimeOffset> DeletedHours);
