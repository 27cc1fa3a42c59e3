using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
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

    private static async Task MessagesAsync(HttpContext context, ChatExchange exchange, TimeProvider time, IOptions<GatewayOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        // The gateway's own keep-alives; upstream comments are activity for its timers, never relayed.
        var keepAlive = TimeSpan.FromSeconds(options.Value.Streaming.KeepAliveSeconds);
        var chat = await exchange.AdmitAsync(context, acceptXApiKey: true, AnthropicRequestParser.Parse);
        var model = chat.Model;
        var identity = ResponseIdentity.Create("msg_", model.Id, time);
        if (!chat.Request.Stream)
        {
            await exchange.CompleteAsync(context, chat, identity, "anthropic", static (identity, completion) =>
                JsonResponse.Serialize((identity, completion), static (writer, state) => AnthropicWire.WriteMessage(writer, state.identity, state.completion)));
            return;
        }

        await using var stream = await exchange.OpenStreamAsync(context, chat);
        using var sse = new ServerSentEventWriter(context.Response);
        sse.Start();
        try
        {
            AnthropicWire.WriteMessageStart(sse.BeginEvent("message_start"), identity, chat.Request.EstimatedInputTokens);
            await sse.EndEventAsync(cancellationToken);
            AnthropicWire.WriteContentBlockStart(sse.BeginEvent("content_block_start"));
            await sse.EndEventAsync(cancellationToken);
            await foreach (var chunk in sse.WithKeepAlive(stream.ReadAsync(cancellationToken), keepAlive, time, cancellationToken))
            {
                if (chunk.Content is not { Length: > 0 } text)
                    continue;
                AnthropicWire.WriteTextDelta(sse.BeginEvent("content_block_delta"), text);
                await sse.EndEventAsync(cancellationToken);
                stream.Delivered(chunk, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left; the upstream call is cancelled with it, and what was delivered is charged.
            exchange.AccountAbandoned(chat, stream, identity.Id);
            throw;
        }
        catch (UpstreamException failure)
        {
            AnthropicErrorFormat.Instance.Write(sse.BeginEvent("error"), UpstreamErrors.ForStream(failure, model.Id));
            await sse.EndEventAsync(cancellationToken);
            return;
        }

        exchange.Account(chat, stream.Usage, identity.Id);
        AnthropicWire.WriteContentBlockStop(sse.BeginEvent("content_block_stop"));
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteMessageDelta(sse.BeginEvent("message_delta"), stream.FinishReason, stream.Usage);
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteTypeOnly(sse.BeginEvent("message_stop"), "message_stop");
        await sse.EndEventAsync(cancellationToken);
    }
}
