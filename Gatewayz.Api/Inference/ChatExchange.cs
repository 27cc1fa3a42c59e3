using Gatewayz.Api.Caching;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Inference;

/// <summary>
/// The steps every chat API shares, whatever its wire format: admission (<see cref="RequestAdmission"/>: key,
/// body, budget, model, credits), the non-streamed answer behind the response cache, and opening a stream.
/// </summary>
public sealed class ChatExchange(
    RequestAdmission admission,
    ResponseCache responseCache,
    InferenceService inference)
{
    public Task<AdmittedRequest<ChatRequest>> AdmitAsync(HttpContext context, IChatWireFormat format) => admission.AdmitAsync(context, format);

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
    public async Task CompleteAsync(HttpContext context, AdmittedRequest<ChatRequest> chat, IChatWireFormat format)
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
    public async Task<InferenceStream> OpenStreamAsync(HttpContext context, AdmittedRequest<ChatRequest> chat)
    {
        var stream = await inference.OpenStreamAsync(chat.Request, chat.Model, chat.Settlement, context.RequestAborted);
        // A response already begun with keep-alives (a slow first chunk) has sent its headers.
        if (!context.Response.HasStarted)
            context.Response.Headers[ProviderHeader.Name] = stream.Route.Provider;
        return stream;
    }
}
