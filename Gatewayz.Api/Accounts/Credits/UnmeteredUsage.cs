using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>Without an account database nobody has credits to spend: every request is admitted and nothing is debited.</summary>
public sealed class UnmeteredUsage : IUsageMeter
{
    public ValueTask EnsureCanSpendAsync(ClientIdentity client, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Record(ClientIdentity client, CatalogModel model, TokenUsage usage, string requestId)
    {
    }
}
