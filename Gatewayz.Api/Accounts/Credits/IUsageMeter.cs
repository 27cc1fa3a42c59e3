using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Accounts.Credits;

/// <summary>Admission by credit balance and debiting of each answered request's cost.</summary>
public interface IUsageMeter
{
    /// <summary>Throws a 402 <c>insufficient_quota</c> error when the client's user has no credits left.</summary>
    ValueTask EnsureCanSpendAsync(ClientIdentity client, CancellationToken cancellationToken);

    /// <summary>Debits the request's cost (real token usage × the model's price). Never blocks the request.</summary>
    void Record(ClientIdentity client, CatalogModel model, TokenUsage usage, string requestId);
}
