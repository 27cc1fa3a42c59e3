using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// Writes queued debits to the ledger in batches. At start it first queues what the journal holds from
/// before (a crash, or a stop while Postgres was unreachable). A batch that fails for a reason that may pass
/// is retried until it succeeds; the ledger's unique request id makes a retry of a batch that did commit,
/// or a replay of a journaled debit that was already written, harmless. A batch Postgres refuses for good
/// is split in halves until the refused debits are alone; those go to the dead-letter table and the rest
/// is written, so one bad debit never holds back anyone else's. At shutdown the queue is drained for up to
/// <see cref="CreditOptions.ShutdownDrainSeconds"/>; what is left stays in the journal for the next start.
/// </summary>
public sealed class CreditLedgerWriter(DebitQueue queue, DebitJournal journal, CreditBalances balances, CreditLedgerStore store,
    IOptions<CreditOptions> options, ILogger<CreditLedgerWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 500;

    // How many debits at the start of the batch being written are settled (written or dead-lettered): the
    // halves settle left to right, so an interrupted write leaves exactly the rest to write again.
    private int _settled;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Before any request is served: admission counts the replayed debits as pending from the start.
        foreach (var debit in journal.Recover())
        {
            balances.AddPending(debit.Debit);
            queue.Enqueue(debit);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<QueuedDebit>(BatchSize);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
                await DrainAsync(batch, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Shutdown: write what is still queued, retrying briefly; what is not written stays in the journal.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.ShutdownDrainSeconds));
        try
        {
            await DrainAsync(batch, shutdown.Token);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Shutdown left {Kept} credit debit(s) unwritten, Postgres being unreachable: they stay in the journal {Directory} for the next gateway to start there; {Lost} could not be journaled and are lost",
                journal.Outstanding, journal.Directory, journal.Unjournaled);
        }
    }

    private async Task DrainAsync(List<QueuedDebit> batch, CancellationToken cancellationToken)
    {
        while (batch.Count > 0 || queue.Reader.TryPeek(out _))
        {
            while (batch.Count < BatchSize && queue.Reader.TryRead(out var debit)) batch.Add(debit);
            _settled = 0;
            try
            {
                await WriteAsync(batch.ToArray(), cancellationToken);
            }
            finally
            {
                batch.RemoveRange(0, _settled);
            }
        }
    }

    /// <summary>Writes the debits, or — refused for good — each half on its own, down to single debits, which are dead-lettered.</summary>
    private async Task WriteAsync(ArraySegment<QueuedDebit> debits, CancellationToken cancellationToken)
    {
        var refusal = await store.InsertAsync(debits, cancellationToken);
        if (refusal is not null && debits.Count > 1)
        {
            var half = debits.Count / 2;
            await WriteAsync(debits[..half], cancellationToken);
            await WriteAsync(debits[half..], cancellationToken);
            return;
        }
        if (refusal is not null && !LedgerRefusals.IsAlreadyWritten(refusal))
            await store.DeadLetterAsync(debits[0].Debit, refusal, cancellationToken);
        balances.Committed(debits.Select(queued => queued.Debit));
        journal.Resolve(debits);
        _settled += debits.Count;
    }
}
