using System.Text.Json;
using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Inference;

/// <summary>
/// The steps every chat API shares, whatever its wire format: admission (key, body, budget, model,
/// credits), the non-streamed answer behind the response cache, and the accounting of a finished answer.
/// </summary>
public sealed class ChatExchange(
    ApiKeyAuthenticator authenticator,
    IOptions<GatewayOptions> options,
    CatalogLookup catalog,
    RateLimiter rateLimiter,
    ResponseCache responseCache,
    InferenceService inference,
    IUsageMeter usage)
{
    public async Task<AdmittedChat> AdmitAsync(HttpContext context, bool acceptXApiKey, Func<JsonElement, ChatRequest> parse)
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey, cancellationToken);
        var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        context.Response.RegisterForDispose(body);
        var request = parse(body.Root);
        var ticket = await rateLimiter.AcquireAsync(client, request.EstimatedInputTokens, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        await usage.EnsureCanSpendAsync(client, cancellationToken);
        return new AdmittedChat(client, request, model, ticket);
    }

    /// <summary>
    /// Answers a non-streamed request from the response cache or the model; <paramref name="encode"/>
    /// writes the answer's body in the caller's format.
    /// </summary>
    public async Task CompleteAsync(HttpContext context, AdmittedChat chat, ResponseIdentity identity, string apiFormat,
        Func<ResponseIdentity, ChatCompletion, ReadOnlyMemory<byte>> encode)
    {
        var cacheKey = responseCache.KeyFor(context.Request, chat.Client, chat.Model, chat.Request, apiFormat);
        if (await responseCache.TryServeAsync(context, cacheKey))
        {
            rateLimiter.Settle(chat.Ticket, actualTokens: 0);
            return;
        }
        var result = await inference.CompleteAsync(chat.Request, chat.Model, context.RequestAborted);
        context.Response.Headers[ProviderHeader.Name] = result.Route.Provider;
        Account(chat, result.Completion.Usage, identity.Id);
        var json = encode(identity, result.Completion);
        responseCache.Store(cacheKey, json);
        await JsonResponse.WriteAsync(context.Response, json, context.RequestAborted);
    }

    /// <summary>Opens the stream (failing over until a route delivers its first chunk) and names the route's provider in the response.</summary>
    public async Task<InferenceStream> OpenStreamAsync(HttpContext context, AdmittedChat chat)
    {
        var stream = await inference.OpenStreamAsync(chat.Request, chat.Model, context.RequestAborted);
        context.Response.Headers[ProviderHeader.Name] = stream.Route.Provider;
        return stream;
    }

    /// <summary>
    /// Charges a stream whose client went away before its end for what it was delivered (see
    /// <see cref="InferenceStream.Abandon"/>) — nothing more when its outcome was already recorded.
    /// </summary>
    public void AccountAbandoned(AdmittedChat chat, InferenceStream stream, string responseId)
    {
        if (stream.Abandon() is { } delivered)
            Account(chat, delivered, responseId);
    }

    /// <summary>Charges the finished answer's real usage to the client's credits and corrects its token budget.</summary>
    public void Account(AdmittedChat chat, TokenUsage tokens, string responseId)
    {
        usage.Record(chat.Client, chat.Model, tokens, responseId);
        rateLimiter.Settle(chat.Ticket, tokens.InputTokens + tokens.OutputTokens);
    }
}
