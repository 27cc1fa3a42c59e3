using System.Text.Json.Serialization;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Resilience;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// The body of <c>POST /v1/messages/count_tokens</c>: the prompt's size as the gateway estimates it
/// (<see cref="TokenEstimator.CountInput"/>), without calling an upstream or spending credits.
/// </summary>
public sealed record AnthropicTokenCount([property: JsonPropertyName("input_tokens")] int InputTokens)
{
    /// <summary>
    /// Key (<c>x-api-key</c> or <c>Authorization: Bearer</c>), body (read and refused as <c>/v1/messages</c> reads
    /// it, but without <c>max_tokens</c>), one request of the key's budgets and no tokens, then the model, and
    /// the 400 <c>/v1/messages</c> would answer when none of the model's routes can be sent the request.
    /// </summary>
    public static async Task<IResult> HandleAsync(HttpContext context, ApiKeyAuthenticator authenticator, IOptions<GatewayOptions> options,
        RateLimiter rateLimiter, CatalogLookup catalog, RouteRegistry routes)
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: true, cancellationToken);
        using var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        var request = AnthropicRequestParser.ParseCountTokens(body.Root);
        await rateLimiter.AcquireAsync(client, estimatedTokens: 0, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        var candidates = routes.RoutesOf(model);
        if (candidates.Length > 0 && request.RefusalFor(candidates[0].Provider.Format) is { } refusal
            && candidates.All(route => request.RefusalFor(route.Provider.Format) is not null))
            throw new GatewayException(refusal);
        return TypedResults.Ok(new AnthropicTokenCount(TokenEstimator.CountInput(request.Messages, request.Tools)));
    }
}
