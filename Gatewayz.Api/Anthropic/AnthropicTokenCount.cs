using System.Text.Json.Serialization;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Providers.Anthropic;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Resilience;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// The body of <c>POST /v1/messages/count_tokens</c> (Anthropic's Token Count API, <c>{"input_tokens":N}</c>) when the
/// gateway estimates the prompt's size itself (<see cref="TokenEstimator.CountInput"/>). A model whose first usable
/// route is an <c>Anthropic</c> provider is counted by that upstream instead. Neither spends credits.
/// </summary>
public sealed record AnthropicTokenCount([property: JsonPropertyName("input_tokens")] int InputTokens)
{
    /// <summary>
    /// The response header that says where the count came from: <see cref="FromUpstream"/> or <see cref="Estimated"/>
    /// (named like <c>x-gatewayz-cache</c> and <c>x-gatewayz-provider</c>).
    /// </summary>
    public const string SourceHeader = "x-gatewayz-token-count";

    /// <summary>The count is the upstream's, relayed as it sent it; <c>x-gatewayz-provider</c> names the provider.</summary>
    public const string FromUpstream = "upstream";

    /// <summary>The count is the gateway's estimate: no Anthropic upstream to ask, or it could not answer.</summary>
    public const string Estimated = "estimate";

    /// <summary>
    /// Key (<c>x-api-key</c> or <c>Authorization: Bearer</c>), body (read and refused as <c>/v1/messages</c> reads
    /// it, but without <c>max_tokens</c>), one request of the key's budgets and no tokens, then the model. Its first
    /// route whose breaker is not open and that can take the request, when of the <c>Anthropic</c> kind, is asked
    /// (<see cref="AnthropicProvider.CountTokensAsync"/>): its answer is relayed, and a 4xx that is the client's to fix
    /// reaches the client as the upstream's Anthropic error. An upstream that cannot be reached, times out, fails
    /// (5xx, 429, the gateway's own credentials refused) or answers without a count leaves the count to the estimate.
    /// When none of the model's routes can be sent the request, the 400 <c>/v1/messages</c> would answer.
    /// </summary>
    public static async Task<IResult> HandleAsync(HttpContext context, ApiKeyAuthenticator authenticator, IOptions<GatewayOptions> options,
        RateLimiter rateLimiter, CatalogLookup catalog, RouteRegistry routes, ILogger<AnthropicTokenCount> logger)
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: true, cancellationToken);
        using var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        var request = AnthropicRequestParser.ParseCountTokens(body.Root);
        await rateLimiter.AcquireAsync(client, estimatedTokens: 0, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        if (!model.Serves(ModelOperation.Chat))
            throw new GatewayException(GatewayError.OperationNotServed(model, ModelOperation.Chat));
        var candidates = routes.RoutesOf(model);
        if (candidates.Length > 0 && request.RefusalFor(candidates[0].Provider.Format) is { } refusal
            && candidates.All(route => request.RefusalFor(route.Provider.Format) is not null))
            throw new GatewayException(refusal);

        // The route /v1/messages would try first: not open, and able to take the request (a document block
        // skips an OpenAI-compatible first route there, so it is counted by the Anthropic route behind it).
        if (Array.Find(candidates, route => !route.IsOpen() && request.RefusalFor(route.Provider.Format) is null) is { Provider: AnthropicProvider anthropic } first)
        {
            var call = new ProviderCall(request with { ClientHeaders = ChatExchange.ForwardedHeaders(context.Request, AnthropicChatFormat.Instance) },
                first.Route.UpstreamModel);
            try
            {
                var counted = await anthropic.CountTokensAsync(call, cancellationToken);
                context.Response.Headers[SourceHeader] = FromUpstream;
                context.Response.Headers[ProviderHeader.Name] = anthropic.Name;
                return TypedResults.Bytes(counted, "application/json");
            }
            catch (UpstreamException rejected) when (IsClientsToFix(rejected))
            {
                throw new GatewayException(UpstreamErrors.ToGatewayError(rejected, model.Id));
            }
            catch (UpstreamException failure)
            {
                logger.LogWarning("Token count of {Model} estimated: {Provider} could not count it ({ErrorType}): {Reason}",
                    model.Id, anthropic.Name, failure.ErrorType, failure.Message);
            }
        }
        context.Response.Headers[SourceHeader] = Estimated;
        return TypedResults.Ok(new AnthropicTokenCount(TokenEstimator.CountInput(request.Messages, request.Tools)));
    }

    /// <summary>
    /// A 4xx the client can fix (a bad block, a prompt too large), except 404 and 405: the path and the model are the
    /// gateway's choice, and a service that implements Anthropic's Messages API without its Token Count API answers so.
    /// </summary>
    private static bool IsClientsToFix(UpstreamException failure) =>
        failure.Kind == UpstreamFailureKind.ClientError
        && failure.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed);
}
