using Dapper;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Gatewayz.Tests.Accounts;

/// <summary>What the account tables hold, read straight from Postgres: two equal snapshots mean a request stored nothing.</summary>
public static class AccountTables
{
    /// <summary>Row counts of every account table and the sums of the ledger and of the balances.</summary>
    public sealed record Snapshot(long Users, long ApiKeys, long LedgerRows, decimal LedgerSum, decimal BalanceSum, long Trials, long Subscriptions);

    /// <summary>The connection string of the account database <paramref name="gateway"/> runs on.</summary>
    public static string Database(GatewayHost gateway) => gateway.Services.GetRequiredService<Gatewayz.Data.GatewayzDatabase>().ConnectionString;

    public static async Task<Snapshot> SnapshotAsync(GatewayHost gateway)
    {
        await using var connection = new NpgsqlConnection(Database(gateway));
        return await connection.QuerySingleAsync<Snapshot>("""
            select (select count(*) from users) as Users, (select count(*) from api_keys) as ApiKeys,
                   (select count(*) from credit_ledger) as LedgerRows, (select coalesce(sum(amount), 0) from credit_ledger) as LedgerSum,
                   (select coalesce(sum(balance), 0) from credit_balances) as BalanceSum,
                   (select count(*) from trials) as Trials, (select count(*) from subscriptions) as Subscriptions
            """);
    }
}
