using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// The balance admission uses: the Postgres balance, cached briefly, minus the debits this replica
/// has queued but not yet written. Users without a balance row (configuration keys) are unmetered.
/// While Postgres is unreachable, admission goes on with the last balance seen.
/// </summary>
public sealed class CreditBalances(NpgsqlDataSource dataSource, IOptions<AccountsOptions> options, TimeProvider time, ILogger<CreditBalances> logger)
{
    private readonly ConcurrentDictionary<Guid, (decimal? Balance, DateTimeOffset Expires)> _stored = new();
    private readonly ConcurrentDictionary<Guid, decimal> _pending = new();

    /// <summary>The spendable balance, or null when the user has no account (not metered).</summary>
    public async ValueTask<decimal?> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var known = _stored.TryGetValue(userId, out var entry);
        if (!known || entry.Expires <= now)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                var balance = await connection.QuerySingleOrDefaultAsync<decimal?>(new CommandDefinition(
                    "select balance from credit_balances where user_id = @userId", new { userId }, cancellationToken: cancellationToken));
                entry = (balance, now.AddSeconds(options.Value.BalanceCacheSeconds));
                _stored[userId] = entry;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // Postgres unreachable: admit on the last balance seen (debits queue up and are written
                // later); a user never seen by this replica is admitted rather than refused.
                logger.LogWarning("Credit balance of {UserId} not refreshed, Postgres unreachable: {Reason}", userId, exception.Message);
                if (!known) return null;
            }
        }
        return entry.Balance - _pending.GetValueOrDefault(userId);
    }

    public void AddPending(Debit debit) => _pending.AddOrUpdate(debit.UserId, debit.Amount, (_, sum) => sum + debit.Amount);

    /// <summary>Called once debits are committed: they now show in the stored balance, which is re-read.</summary>
    public void Committed(IEnumerable<Debit> debits)
    {
        foreach (var debit in debits)
        {
            _pending.AddOrUpdate(debit.UserId, 0, (_, sum) => sum - debit.Amount);
            _stored.TryRemove(debit.UserId, out _);
        }
    }

    /// <summary>An admin change (grant) must be visible at the next request, not after the cache period.</summary>
    public void Forget(Guid userId) => _stored.TryRemove(userId, out _);
}
