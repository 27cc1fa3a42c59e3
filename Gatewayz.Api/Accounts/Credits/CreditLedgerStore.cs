using Dapper;
using Gatewayz.Api.Database;
using Gatewayz.Api.Metrics;
using Npgsql;
using Prometheus;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// The ledger's two writes: a batch of debits (idempotent by request id), and a debit Postgres refused for
/// good into <c>credit_dead_letters</c>. Both retry what may pass later (no connection, a timeout), with
/// backoff up to 30 s, for as long as their cancellation token allows; a permanent refusal
/// (<see cref="LedgerRefusals"/>) is returned at once instead of being retried.
/// </summary>
public sealed class CreditLedgerStore(MeteredDatabase database, GatewayMetrics metrics, ILogger<CreditLedgerStore> logger)
{
    private const string InsertSql = """
        insert into credit_ledger (user_id, amount, reason, request_id)
        select d.user_id, -d.amount, d.reason, d.request_id
        from unnest(@userIds, @amounts, @reasons, @requestIds) as d(user_id, amount, reason, request_id)
        where exists (select 1 from users u where u.id = d.user_id)
        on conflict (request_id) where request_id is not null do nothing
        """;

    private const string DeadLetterSql = """
        insert into credit_dead_letters (request_id, user_id, amount, reason, sqlstate, error)
        values (@RequestId, @UserId, @Amount, @Reason, @SqlState, @Error)
        on conflict (request_id) do nothing
        """;

    private readonly Counter _deadLettered = Initialized(metrics.CreditDebitsDeadLettered);

    /// <summary>
    /// Writes the debits in one statement (all or none). Debits already in the ledger are skipped, and so are
    /// those of users who no longer exist. Returns null once written, or the permanent refusal of the statement.
    /// </summary>
    public Task<PostgresException?> InsertAsync(IReadOnlyList<QueuedDebit> debits, CancellationToken cancellationToken) =>
        RunWithRetriesAsync(DatabaseOperations.CreditDebitWrite, debits.Count, connection => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            userIds = debits.Select(queued => queued.Debit.UserId).ToArray(),
            amounts = debits.Select(queued => queued.Debit.Amount).ToArray(),
            reasons = debits.Select(queued => queued.Debit.Reason).ToArray(),
            requestIds = debits.Select(queued => queued.Debit.RequestId).ToArray(),
        }, cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>
    /// Keeps a debit Postgres refused for good in <c>credit_dead_letters</c> with the refusal (SQLSTATE and
    /// message), counts it in <c>gatewayz_credit_debits_dead_lettered_total</c> and logs it. Should that
    /// insert be refused too, the debit's every field is in the log, which is then all that is left of it.
    /// </summary>
    public async Task DeadLetterAsync(Debit debit, PostgresException refusal, CancellationToken cancellationToken)
    {
        var failure = await RunWithRetriesAsync(DatabaseOperations.CreditDebitDeadLetter, 1, connection => connection.ExecuteAsync(new CommandDefinition(DeadLetterSql, new
        {
            debit.RequestId, debit.UserId, debit.Amount, debit.Reason, refusal.SqlState, Error = refusal.MessageText,
        }, cancellationToken: cancellationToken)), cancellationToken);
        _deadLettered.WithLabels(LedgerRefusals.Reason(refusal)).Inc();
        if (failure is null)
            logger.LogError("Credit debit {RequestId} of user {UserId} ({Amount} credits, {Reason}) refused by Postgres for good ({SqlState}: {Error}); moved to credit_dead_letters",
                debit.RequestId, debit.UserId, debit.Amount, debit.Reason, refusal.SqlState, refusal.MessageText);
        else
            logger.LogCritical("Credit debit {RequestId} of user {UserId} ({Amount} credits, {Reason}) refused by Postgres for good ({SqlState}: {Error}) and not dead-lettered either ({DeadLetterSqlState}: {DeadLetterError}); this log line is its only record",
                debit.RequestId, debit.UserId, debit.Amount, debit.Reason, refusal.SqlState, refusal.MessageText, failure.SqlState, failure.MessageText);
    }

    /// <summary>Both series exist at 0 from the start, so the alert's <c>increase()</c> sees the first dead letter.</summary>
    private static Counter Initialized(Counter counter)
    {
        counter.WithLabels(LedgerRefusals.DataException);
        counter.WithLabels(LedgerRefusals.ConstraintViolation);
        return counter;
    }

    private async Task<PostgresException?> RunWithRetriesAsync(string operation, int count, Func<NpgsqlConnection, Task<int>> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await database.RunAsync(operation, work, cancellationToken);
                return null;
            }
            catch (PostgresException exception) when (LedgerRefusals.IsPermanent(exception))
            {
                return exception;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Writing {Count} credit debit(s) failed (attempt {Attempt}), retrying: {Reason}", count, attempt + 1, exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(attempt, 7)))), cancellationToken);
            }
        }
    }
}
