using System.Threading.Channels;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// Debits on their way to the ledger: requests enqueue (after journaling them), <see cref="CreditLedgerWriter"/>
/// writes them in batches. The queue is memory; what survives a crash is the journal.
/// </summary>
public sealed class DebitQueue
{
    private readonly Channel<QueuedDebit> _channel = Channel.CreateUnbounded<QueuedDebit>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<QueuedDebit> Reader => _channel.Reader;

    public void Enqueue(QueuedDebit debit) => _channel.Writer.TryWrite(debit);
}
