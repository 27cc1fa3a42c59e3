using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Resilience;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Inference;

/// <summary>
/// The admission every inference API shares, in order: the API key, the body (read and validated by the
/// API, and completed by it when it refers to state the gateway keeps: <see cref="IRequestResolver{TRequest}"/>), the key's request and token budgets (taking the request's estimated input tokens), the model (a 404
/// when the catalog has none of that id, a 400 when it does not serve the API's operation), the key's credits.
/// What it admits owes its settlement (<see cref="RequestSettlement"/>) once it ends.
/// </summary>
public sealed class RequestAdmission(
    ApiKeyAuthenticator authenticator,
    IOptions<GatewayOptions> options,
    CatalogLookup catalog,
    RateLimiter rateLimiter,
    IUsageMeter usage,
    TimeProvider time)
{
    /// <exception cref="GatewayException">401, 400, 413, 415, 429, 404 or 402, in the order above.</exception>
    public async Task<AdmittedRequest<TRequest>> AdmitAsync<TRequest>(HttpContext context, IInferenceEndpoint<TRequest> endpoint)
        where TRequest : IRoutedRequest
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, endpoint.AcceptsXApiKey, cancellationToken);
        var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        context.Response.RegisterForDispose(body);
        var request = endpoint.Read(body.Root, context.Request);
        if (endpoint is IRequestResolver<TRequest> resolver)
            request = await resolver.ResolveAsync(request, client, cancellationToken);
        var ticket = await rateLimiter.AcquireAsync(client, request.EstimatedInputTokens, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        if (!model.Serves(endpoint.Operation))
            throw new GatewayException(GatewayError.OperationNotServed(model, endpoint.Operation));
        await usage.EnsureCanSpendAsync(client, cancellationToken);
        var identity = ResponseIdentity.Create(endpoint.ResponseIdPrefix, model.Id, time);
        return new AdmittedRequest<TRequest>(client, request, model, identity, new RequestSettlement(client, model, ticket, identity.Id, usage, rateLimiter));
    }
}
