using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Api.Inference;

/// <summary>
/// What a request owes, settled once whichever way it ends: an answer (whole, or what was delivered
/// before the client left) debits its usage from the client's credits and corrects the token budget
/// taken at admission to the real count; a request that ends without an answer (every route failed,
/// the response cache served it, the client left before the first chunk) only releases the budget.
/// </summary>
public sealed class RequestSettlement(ClientIdentity client, CatalogModel model, RateLimitTicket ticket, string responseId,
    IUsageMeter usage, RateLimiter rateLimiter)
{
    private int _settled;

    /// <summary>Debits <paramref name="tokens"/> and settles the token budget with them; nothing after the first settlement.</summary>
    public void Charge(TokenUsage tokens)
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        usage.Record(client, model, tokens, responseId);
        rateLimiter.Settle(ticket, tokens.InputTokens + tokens.OutputTokens);
    }

    /// <summary>Settles a request that produced no answer to charge: the token budget gets its estimate back.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0) return;
        rateLimiter.Settle(ticket, actualTokens: 0);
    }
}
