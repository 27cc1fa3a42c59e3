using Dapper;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatewayz.Api.Accounts.Gauges;

/// <summary>
/// Recomputes <c>gatewayz_active_api_keys</c>, <c>gatewayz_active_subscriptions{tier}</c> and
/// <c>gatewayz_active_trials</c> from the account tables every <see cref="AccountsOptions.BusinessGaugesRefreshSeconds"/>.
/// </summary>
public sealed class BusinessGaugesRefresher(
    NpgsqlDataSource dataSource, GatewayMetrics metrics, IOptions<AccountsOptions> options, TimeProvider time, ILogger<BusinessGaugesRefresher> logger)
    : BackgroundService
{
    // Every plan tier appears (zero when unused) so a tier's series never vanishes.
    private const string CountsSql = """
        select (select count(*) from api_keys where revoked_at is null) as ActiveApiKeys,
               (select count(*) from trials where started_at is not null and converted_at is null
                    and (expires_at is null or expires_at > now())) as ActiveTrials;
        select p.tier as Tier, count(s.user_id) as Count
        from plans p left join subscriptions s on s.tier = p.tier and s.status = 'active'
        group by p.tier;
        """;

    public async Task<BusinessCounts> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(CountsSql, cancellationToken: cancellationToken));
        var totals = await results.ReadSingleAsync<(long ActiveApiKeys, long ActiveTrials)>();
        var tiers = (await results.ReadAsync<(string Tier, long Count)>()).ToDictionary(row => row.Tier, row => row.Count);

        metrics.ActiveApiKeys.Set(totals.ActiveApiKeys);
        metrics.ActiveTrials.Set(totals.ActiveTrials);
        foreach (var (tier, count) in tiers)
            metrics.ActiveSubscriptions.WithLabels(tier).Set(count);
        return new BusinessCounts(totals.ActiveApiKeys, totals.ActiveTrials, tiers);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.BusinessGaugesRefreshSeconds), time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Business gauges not refreshed, Postgres unreachable: {Reason}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
