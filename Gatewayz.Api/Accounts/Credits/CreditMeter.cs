using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>
/// Credits from the account database: admission reads a cached balance (no query on most requests),
/// and each request's cost is journaled and queued for the ledger instead of being written on the request path.
/// </summary>
public sealed class CreditMeter(CreditBalances balances, DebitQueue queue, DebitJournal journal) : IUsageMeter
{
    public async ValueTask EnsureCanSpendAsync(ClientIdentity client, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(client.UserId, out var userId)) return;
        var balance = await balances.GetAsync(userId, cancellationToken);
        if (balance <= 0)
            throw new GatewayException(InsufficientQuota());
    }

    public void Record(ClientIdentity client, CatalogModel model, TokenUsage usage, string requestId)
    {
        if (!Guid.TryParse(client.UserId, out var userId)) return;
        var cost = model.Pricing.CostOf(usage);
        if (cost <= 0) return;
        var debit = new Debit(userId, cost, $"usage:{model.Id}", requestId);
        // Journaled first, before the request ends: from here on a crash of the process cannot lose it.
        var segment = journal.Append(debit);
        balances.AddPending(debit);
        queue.Enqueue(new QueuedDebit(debit, segment));
    }

    public static GatewayError InsufficientQuota() => new(
        StatusCodes.Status402PaymentRequired,
        "insufficient_quota",
        "Your credit balance is exhausted. Add credits to your account to continue making requests.");
}
