using Dapper;
using Gatewayz.Api.Database;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatewayz.Api.Accounts.Gauges;

/// <summary>
/// The business gauges' source with an account database: active keys (database and configured),
/// active subscriptions by tier and active trials, recomputed every
/// <see cref="AccountsOptions.BusinessGaugesRefreshSeconds"/> so that a scrape never waits for Postgres.
/// </summary>
public sealed class AccountBusinessMetrics(
    MeteredDatabase database, ConfiguredApiKeyStore configuredKeys, IOptions<AccountsOptions> options, TimeProvider time, ILogger<AccountBusinessMetrics> logger)
    : BackgroundService, IBusinessMetricsSource
{
    private const string CountsSql = """
        select (select count(*) from api_keys where revoked_at is null)::int as ActiveApiKeys,
               (select count(*) from trials where started_at is not null and converted_at is null
                    and (expires_at is null or expires_at > now()))::int as ActiveTrials;
        select tier as Tier, count(*)::int as Count from subscriptions where status = 'active' group by tier;
        """;

    private static readonly IReadOnlyDictionary<string, int> NoSubscriptions = new Dictionary<string, int>();

    private volatile BusinessSnapshot _latest = new(null, NoSubscriptions, null);

    public ValueTask<BusinessSnapshot> ReadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_latest);

    public async Task<BusinessSnapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        var (totals, tiers) = await database.RunAsync(DatabaseOperations.BusinessCounts, async connection =>
        {
            await using var results = await connection.QueryMultipleAsync(new CommandDefinition(CountsSql, cancellationToken: cancellationToken));
            var totals = await results.ReadSingleAsync<(int ActiveApiKeys, int ActiveTrials)>();
            var tiers = (await results.ReadAsync<(string Tier, int Count)>()).ToDictionary(row => row.Tier, row => row.Count);
            return (totals, tiers);
        }, cancellationToken);
        var configured = await configuredKeys.CountActiveAsync(cancellationToken) ?? 0;
        return _latest = new BusinessSnapshot(totals.ActiveApiKeys + configured, tiers, totals.ActiveTrials);
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
                logger.LogWarning("Business gauges keep their last values, Postgres unreachable: {Reason}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
