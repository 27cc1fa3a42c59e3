using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// The journal's batched fsync: every <see cref="CreditOptions.JournalSyncMilliseconds"/> the debits appended
/// since the last flush go to disk together. At shutdown (after the ledger writer's last drain) it closes
/// the journal, keeping the files whose debits are not yet written.
/// </summary>
public sealed class DebitJournalFlusher(DebitJournal journal, IOptions<CreditOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // 0: each append flushes itself.
        if (options.Value.JournalSyncMilliseconds == 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.JournalSyncMilliseconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                journal.Flush();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        journal.Close();
    }
}
