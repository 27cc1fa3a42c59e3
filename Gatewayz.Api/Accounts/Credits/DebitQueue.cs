using System.Threading.Channels;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>Debits on their way to the ledger: requests enqueue, <see cref="CreditLedgerWriter"/> writes them in batches.</summary>
public sealed class DebitQueue
{
    private readonly Channel<Debit> _channel = Channel.CreateUnbounded<Debit>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<Debit> Reader => _channel.Reader;

    public void Enqueue(Debit debit) => _channel.Writer.TryWrite(debit);
}
