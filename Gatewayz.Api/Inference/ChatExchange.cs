using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Inference;

/// <summary>
/// The steps every chat API shares, whatever its wire format: admission (key, body, budget, model,
/// credits), the non-streamed answer behind the response cache, and opening a stream.
/// </summary>
public sealed class ChatExchange(
    ApiKeyAuthenticator authenticator,
    IOptions<GatewayOptions> options,
    CatalogLookup catalog,
    RateLimiter rateLimiter,
    ResponseCache responseCache,
    InferenceService inference,
    IUsageMeter usage,
    TimeProvider time)
{
    public async Task<AdmittedChat> AdmitAsync(HttpContext context, IChatWireFormat format)
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, format.AcceptsXApiKey, cancellationToken);
        var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        context.Response.RegisterForDispose(body);
        var request = await format.ResolveAsync(format.Parse(body.Root), client, cancellationToken);
        if (ForwardedHeaders(context.Request, format) is { } headers)
            request = request with { ClientHeaders = headers };
        var ticket = await rateLimiter.AcquireAsync(client, request.EstimatedInputTokens, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        await usage.EnsureCanSpendAsync(client, cancellationToken);
        var identity = ResponseIdentity.Create(format.ResponseIdPrefix, model.Id, time);
        return new AdmittedChat(client, request, model, identity, new RequestSettlement(client, model, ticket, identity.Id, usage, rateLimiter));
    }

    /// <summary>The headers of <see cref="IChatWireFormat.ForwardedHeaders"/> the client sent; null when none.</summary>
    public static List<KeyValuePair<string, string>>? ForwardedHeaders(HttpRequest request, IChatWireFormat format)
    {
        List<KeyValuePair<string, string>>? found = null;
        foreach (var name in format.ForwardedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var values) && values.ToString() is { Length: > 0 } value)
                (found ??= []).Add(new(name, value));
        }
        return found;
    }

    /// <summary>Answers a non-streamed request from the response cache or the model, in the client's format.</summary>
    public async Task CompleteAsync(HttpContext context, AdmittedChat chat, IChatWireFormat format)
    {
        var cacheKey = responseCache.KeyFor(context.Request, chat.Client, chat.Model, chat.Request, format.Name);
        if (await responseCache.TryServeAsync(context, cacheKey))
            return;
        var result = await inference.CompleteAsync(chat.Request, chat.Model, chat.Settlement, context.RequestAborted);
        context.Response.Headers[ProviderHeader.Name] = result.Route.Provider;
        var json = format.EncodeCompletion(chat.Identity, result.Completion);
        await format.AnsweredAsync(json, context.RequestAborted);
        responseCache.Store(cacheKey, json);
        await JsonResponse.WriteAsync(context.Response, json, context.RequestAborted);
    }

    /// <summary>
    /// Opens the stream (failing over until a route delivers its first chunk) and names the route's
    /// provider in the response, unless the response has already begun.
    /// </summary>
    public async Task<InferenceStream> OpenStreamAsync(HttpContext context, AdmittedChat chat)
    {
        var stream = await inference.OpenStreamAsync(chat.Request, chat.Model, chat.Settlement, context.RequestAborted);
        // A response already begun with keep-alives (a slow first chunk) has sent its headers.
        if (!context.Response.HasStarted)
            context.Response.Headers[ProviderHeader.Name] = stream.Route.Provider;
        return stream;
    }
}
