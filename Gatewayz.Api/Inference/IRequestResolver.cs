using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Inference;

/// <summary>
/// An inference API whose requests refer to state the gateway keeps between requests — the Responses API's
/// <c>previous_response_id</c>, the earlier turns stored for the caller — completed by <see cref="RequestAdmission"/>
/// once the caller is known and before budgets are taken, so that the token estimate counts the whole request. The
/// other APIs carry everything in the body and are not resolvers.
/// </summary>
/// <typeparam name="TRequest">The request the API's body becomes.</typeparam>
public interface IRequestResolver<TRequest>
{
    /// <summary>The request with what it refers to put in; a reference that cannot be resolved throws a 4xx <see cref="Errors.GatewayException"/>.</summary>
    ValueTask<TRequest> ResolveAsync(TRequest request, ClientIdentity client, CancellationToken cancellationToken);
}
