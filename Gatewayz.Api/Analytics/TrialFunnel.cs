using Dapper;
using Gatewayz.Api.Database;
using static Gatewayz.Api.Analytics.AnalyticsResponses;

namespace Gatewayz.Api.Analytics;

/// <summary>Sign-ups → trials started → conversions, from the <c>trials</c> table (rates in percent).</summary>
public sealed class TrialFunnel(MeteredDatabase database, TimeProvider time)
{
    private const string Sql = """
        select count(*)::bigint as Signups, count(started_at)::bigint as StartedTrial, count(converted_at)::bigint as Converted,
               coalesce(avg(extract(epoch from converted_at - coalesce(started_at, signed_up_at)) / 86400.0)
                   filter (where converted_at is not null), 0)::float8 as AvgDays
        from trials
        """;

    public async Task<TrialAnalytics> AnalyzeAsync(CancellationToken cancellationToken)
    {
        var row = await database.RunAsync(DatabaseOperations.Analytics, connection => connection.QuerySingleAsync<(long Signups, long StartedTrial, long Converted, double AvgDays)>(
            new CommandDefinition(Sql, cancellationToken: cancellationToken)), cancellationToken);
        return new TrialAnalytics(time.GetUtcNow(), row.Signups, row.StartedTrial, row.Converted,
            Percent(row.Converted, row.Signups), Percent(row.StartedTrial, row.Signups), Math.Round(row.AvgDays, 2));
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 2);
}
