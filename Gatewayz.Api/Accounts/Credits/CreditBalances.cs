using System.Collections.Concurrent;
using Dapper;
using Gatewayz.Api.Database;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// The balance admission uses: the Postgres balance, cached briefly, minus the debits this replica
/// has queued but not yet written. Users without a balance row (configuration keys) are unmetered.
/// While Postgres is unreachable, admission goes on with the last balance seen.
/// </summary>
public sealed class CreditBalances(MeteredDatabase database, IOptions<AccountsOptions> options, TimeProvider time, ILogger<CreditBalances> logger)
{
    private const int MaxReads = 3;
    private readonly ConcurrentDictionary<Guid, StoredBalance> _stored = new();
    private readonly ConcurrentDictionary<Guid, decimal> _pending = new();

    // Bumped after each commit of a user's debits, before the debits leave _pending. A balance read
    // that saw no bump in between can neither miss a debit nor count it twice.
    private readonly ConcurrentDictionary<Guid, long> _commits = new();

    /// <summary>The spendable balance, or null when the user has no account (not metered).</summary>
    public async ValueTask<decimal?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var known = _stored.TryGetValue(userId, out var entry);
        if (known && entry.Expires > time.GetUtcNow() && entry.Commits == _commits.GetValueOrDefault(userId))
            return entry.Balance - _pending.GetValueOrDefault(userId);

        try
        {
            for (var read = 1; ; read++)
            {
                var commitsBefore = _commits.GetValueOrDefault(userId);
                var balance = await ReadStoredBalanceAsync(userId, cancellationToken);
                var pending = _pending.GetValueOrDefault(userId);
                if (commitsBefore == _commits.GetValueOrDefault(userId) || read == MaxReads)
                {
                    _stored[userId] = new StoredBalance(balance, time.GetUtcNow().AddSeconds(options.Value.BalanceCacheSeconds), commitsBefore);
                    return balance - pending;
                }
            }
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Postgres unreachable: admit on the last balance seen (debits queue up and are written
            // later); a user never seen by this replica is admitted rather than refused.
            logger.LogWarning("Credit balance of {UserId} not refreshed, Postgres unreachable: {Reason}", userId, exception.Message);
            return known ? entry.Balance - _pending.GetValueOrDefault(userId) : null;
        }
    }

    public void AddPending(Debit debit) => _pending.AddOrUpdate(debit.UserId, debit.Amount, (_, sum) => sum + debit.Amount);

    /// <summary>Called once debits are committed: they now show in the stored balance, which is re-read.</summary>
    public void Committed(IEnumerable<Debit> debits)
    {
        foreach (var debit in debits)
        {
            _commits.AddOrUpdate(debit.UserId, 1, (_, count) => count + 1);
            _pending.AddOrUpdate(debit.UserId, 0, (_, sum) => sum - debit.Amount);
        }
    }

    private Task<decimal?> ReadStoredBalanceAsync(Guid userId, CancellationToken cancellationToken) =>
        database.RunAsync(DatabaseOperations.CreditBalanceRead, connection => connection.QuerySingleOrDefaultAsync<decimal?>(new CommandDefinition(
            "select balance from credit_balances where user_id = @userId", new { userId }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>An admin change (grant) must be visible at the next request, not after the cache period.</summary>
    public void Forget(Guid userId) => _stored.TryRemove(userId, out _);
}
