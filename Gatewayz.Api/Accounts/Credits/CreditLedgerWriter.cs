using Dapper;
using Gatewayz.Api.Database;
using Npgsql;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// Writes queued debits to the ledger in batches. A failed batch is retried until it succeeds; the
/// ledger's unique request id makes a retry of a batch that did commit harmless. At shutdown the
/// queue is drained before the process exits.
/// </summary>
public sealed class CreditLedgerWriter(DebitQueue queue, CreditBalances balances, MeteredDatabase database, ILogger<CreditLedgerWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    private const string InsertSql = """
        insert into credit_ledger (user_id, amount, reason, request_id)
        select d.user_id, -d.amount, d.reason, d.request_id
        from unnest(@userIds, @amounts, @reasons, @requestIds) as d(user_id, amount, reason, request_id)
        where exists (select 1 from users u where u.id = d.user_id)
        on conflict (request_id) where request_id is not null do nothing
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Debit>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
                await DrainAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Shutdown: write what is still queued, retrying briefly rather than dropping it.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await DrainAsync(batch, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogError("Shutdown left {Count} credit debit(s) unwritten: Postgres was unreachable", batch.Count + queue.Reader.Count);
        }
    }

    private async Task DrainAsync(List<Debit> batch, CancellationToken cancellationToken)
    {
        while (batch.Count > 0 || queue.Reader.TryPeek(out _))
        {
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var debit)) batch.Add(debit);
            await WriteWithRetriesAsync(batch, cancellationToken);
            balances.Committed(batch);
            batch.Clear();
        }
    }

    private async Task WriteWithRetriesAsync(List<Debit> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await database.RunAsync(DatabaseOperations.CreditDebitWrite, connection => connection.ExecuteAsync(new CommandDefinition(InsertSql, new
                {
                    userIds = batch.Select(debit => debit.UserId).ToArray(),
                    amounts = batch.Select(debit => debit.Amount).ToArray(),
                    reasons = batch.Select(debit => debit.Reason).ToArray(),
                    requestIds = batch.Select(debit => debit.RequestId).ToArray(),
                }, cancellationToken: cancellationToken)), cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Writing {Count} credit debit(s) failed (attempt {Attempt}), retrying: {Reason}", batch.Count, attempt + 1, exception.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, Math.Min(attempt, 7)))), cancellationToken);
            }
        }
    }
}
