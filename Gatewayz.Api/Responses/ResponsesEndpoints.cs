using Gatewayz.Api.Auth;
using Gatewayz.Api.Inference;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Responses;

/// <summary>
/// OpenAI's Responses API: <c>POST /v1/responses</c> through the chat pipeline (<see cref="ResponsesChatFormat"/>, one
/// per request), <c>GET</c> and <c>DELETE /v1/responses/{id}</c> on the caller's stored responses. Mapped on the
/// <c>/v1</c> group of <see cref="OpenAi.OpenAiEndpoints"/>, whose errors are OpenAI's.
/// </summary>
public static class ResponsesEndpoints
{
    public static RouteGroupBuilder MapResponsesApi(this RouteGroupBuilder v1)
    {
        v1.MapPost("/responses", static (HttpContext context, ChatHandler chat, ResponseStore store) =>
            chat.HandleAsync(context, new ResponsesChatFormat(store)));
        v1.MapGet("/responses/{id}", GetAsync);
        v1.MapDelete("/responses/{id}", DeleteAsync);
        return v1;
    }

    /// <summary>The stored response object, as the request that created it received it.</summary>
    private static async Task GetAsync(HttpContext context, string id, ApiKeyAuthenticator authenticator, ResponseStore store)
    {
        var owner = await OwnerAsync(context, authenticator);
        var stored = await store.FindAsync(id, owner) ?? throw ResponsesErrors.ResponseNotFound(id);
        await JsonResponse.WriteAsync(context.Response, stored.Response, static (writer, response) => response.WriteTo(writer), context.RequestAborted);
    }

    /// <summary>Deletes the stored response: <c>{"id","object":"response","deleted":true}</c>.</summary>
    private static async Task DeleteAsync(HttpContext context, string id, ApiKeyAuthenticator authenticator, ResponseStore store)
    {
        var owner = await OwnerAsync(context, authenticator);
        if (!await store.DeleteAsync(id, owner))
            throw ResponsesErrors.ResponseNotFound(id);
        await JsonResponse.WriteAsync(context.Response, id, static (writer, id) =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("object", "response");
            writer.WriteBoolean("deleted", true);
            writer.WriteEndObject();
        }, context.RequestAborted);
    }

    /// <summary>The user the caller's key belongs to, whose stored responses it may read and delete.</summary>
    private static async Task<string> OwnerAsync(HttpContext context, ApiKeyAuthenticator authenticator) =>
        RateLimitRequest.UserOf(await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: false, context.RequestAborted));
}
