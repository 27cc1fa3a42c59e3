using Gatewayz.Api.Accounts.Credits;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Anthropic;

/// <summary>Anthropic's Messages API (<c>POST /v1/messages</c>) over the same routes and providers.</summary>
public static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropicApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", MessagesAsync).WithTags("Anthropic");
        return app;
    }

    private static async Task MessagesAsync(
        HttpContext context,
        ApiKeyAuthenticator authenticator,
        IOptions<GatewayOptions> options,
        CatalogLookup catalog,
        RateLimiter rateLimiter,
        ResponseCache responseCache,
        InferenceService inference,
        IUsageMeter usage,
        TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: true, cancellationToken);
        var body = await RequestBodyReader.ReadJsonObjectAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        var request = AnthropicRequestParser.Parse(body);
        var ticket = await rateLimiter.AcquireAsync(client, request.EstimatedInputTokens, cancellationToken);
        if (!catalog.TryGetModel(request.Model, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(request.Model));
        await usage.EnsureCanSpendAsync(client, cancellationToken);

        var identity = ResponseIdentity.Create("msg_", model.Id, time);
        if (!request.Stream)
        {
            var cacheKey = responseCache.KeyFor(context.Request, client, model, request, "anthropic");
            if (await responseCache.TryServeAsync(context, cacheKey))
            {
                rateLimiter.Settle(ticket, actualTokens: 0);
                return;
            }
            var result = await inference.CompleteAsync(request, model, cancellationToken);
            usage.Record(client, model, result.Completion.Usage, identity.Id);
            rateLimiter.Settle(ticket, result.Completion.Usage.InputTokens + result.Completion.Usage.OutputTokens);
            var json = JsonResponse.Serialize((identity, result.Completion),
                static (writer, state) => AnthropicWire.WriteMessage(writer, state.identity, state.Completion));
            responseCache.Store(cacheKey, json);
            await JsonResponse.WriteAsync(context.Response, json, cancellationToken);
            return;
        }

        await using var stream = await inference.OpenStreamAsync(request, model, cancellationToken);
        using var sse = new ServerSentEventWriter(context.Response);
        sse.Start();
        AnthropicWire.WriteMessageStart(sse.BeginEvent("message_start"), identity, request.EstimatedInputTokens);
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteContentBlockStart(sse.BeginEvent("content_block_start"));
        await sse.EndEventAsync(cancellationToken);
        try
        {
            await foreach (var text in stream.ReadTextAsync(cancellationToken))
            {
                AnthropicWire.WriteTextDelta(sse.BeginEvent("content_block_delta"), text);
                await sse.EndEventAsync(cancellationToken);
            }
        }
        catch (UpstreamException failure)
        {
            AnthropicErrorFormat.Instance.Write(sse.BeginEvent("error"), UpstreamErrors.ToGatewayError(failure, model.Id));
            await sse.EndEventAsync(cancellationToken);
            return;
        }

        usage.Record(client, model, stream.Usage, identity.Id);
        rateLimiter.Settle(ticket, stream.Usage.InputTokens + stream.Usage.OutputTokens);
        AnthropicWire.WriteContentBlockStop(sse.BeginEvent("content_block_stop"));
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteMessageDelta(sse.BeginEvent("message_delta"), stream.FinishReason, stream.Usage);
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteTypeOnly(sse.BeginEvent("message_stop"), "message_stop");
        await sse.EndEventAsync(cancellationToken);
    }
}
