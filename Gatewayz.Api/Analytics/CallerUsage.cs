using Dapper;
using Gatewayz.Api.Database;
using static Gatewayz.Api.Analytics.AnalyticsResponses;

namespace Gatewayz.Api.Analytics;

/// <summary>
/// One user's own usage, from the credit ledger: what an ordinary API key may read about itself. Each answered
/// request is one <c>usage:{model}</c> debit with its request id (an admin grant has none, whatever its reason) (written within seconds of the answer; a debit still pending
/// during a database outage appears once it is written), so requests and spend are per model and per UTC day.
/// </summary>
public sealed class CallerUsage(MeteredDatabase database, TimeProvider time)
{
    private const string UsagePrefix = "usage:";

    private const string ByDaySql = """
        select substring(reason from 7) as Model, (created_at at time zone 'utc')::date as Day,
               count(*)::bigint as Requests, -sum(amount) as Spend
        from credit_ledger
        where user_id = @userId and request_id is not null and reason like 'usage:%' and created_at >= @since
        group by 1, 2
        order by 2, 1
        """;

    private const string BalanceSql = "select balance from credit_balances where user_id = @userId";

    /// <summary>
    /// The last <paramref name="days"/> days of <paramref name="userId"/>'s usage (a user id that is not a uuid —
    /// a configured key's — has no ledger: zero requests, no balance).
    /// </summary>
    public async Task<UsageReport> ReportAsync(string userId, int days, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var since = now.UtcDateTime.Date.AddDays(1 - days);
        if (!Guid.TryParse(userId, out var user))
            return new UsageReport(userId, now, days, since, Balance: null, Requests: 0, Spend: 0, [], []);

        var (rows, balance) = await database.RunAsync(DatabaseOperations.Analytics, async connection =>
        {
            var rows = await connection.QueryAsync<(string Model, DateTime Day, long Requests, decimal Spend)>(
                new CommandDefinition(ByDaySql, new { userId = user, since }, cancellationToken: cancellationToken));
            var balance = await connection.QuerySingleOrDefaultAsync<decimal?>(new CommandDefinition(BalanceSql, new { userId = user }, cancellationToken: cancellationToken));
            return (rows.AsList(), balance);
        }, cancellationToken);

        var models = rows.GroupBy(row => row.Model, StringComparer.Ordinal)
            .Select(group => new ModelUsage(group.Key, group.Sum(row => row.Requests), group.Sum(row => row.Spend)))
            .OrderByDescending(model => model.Spend).ToList();
        var daily = rows.GroupBy(row => DateOnly.FromDateTime(row.Day))
            .Select(group => new DailyUsage(group.Key, group.Sum(row => row.Requests), group.Sum(row => row.Spend)))
            .ToList();
        return new UsageReport(userId, now, days, since, balance, models.Sum(model => model.Requests), models.Sum(model => model.Spend), models, daily);
    }
}
