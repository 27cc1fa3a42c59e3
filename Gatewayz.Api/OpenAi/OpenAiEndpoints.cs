using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.RateLimiting;
using Gatewayz.Api.Streaming;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.OpenAi;

/// <summary>The OpenAI-compatible surface: <c>/v1/chat/completions</c> and <c>/v1/models</c>.</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI");
        v1.MapPost("/chat/completions", ChatCompletionsAsync);
        v1.MapGet("/models", ListModelsAsync);
        return app;
    }

    private static async Task ChatCompletionsAsync(HttpContext context, ChatExchange exchange, TimeProvider time, IOptions<GatewayOptions> options)
    {
        var cancellationToken = context.RequestAborted;
        // The gateway's own keep-alives; upstream comments are activity for its timers, never relayed.
        var keepAlive = TimeSpan.FromSeconds(options.Value.Streaming.KeepAliveSeconds);
        var chat = await exchange.AdmitAsync(context, acceptXApiKey: false, OpenAiChatRequestParser.Parse);
        var model = chat.Model;
        var identity = ResponseIdentity.Create("chatcmpl-", model.Id, time);
        if (!chat.Request.Stream)
        {
            await exchange.CompleteAsync(context, chat, identity, "openai", OpenAiWire.Completion);
            return;
        }

        await using var stream = await exchange.OpenStreamAsync(context, chat);
        using var sse = new ServerSentEventWriter(context.Response);
        sse.Start();
        var chunks = new OpenAiChunkWriter(identity, chat.Request.IncludeUsage);
        try
        {
            await foreach (var chunk in sse.WithKeepAlive(stream.ReadAsync(cancellationToken), keepAlive, time, cancellationToken))
            {
                if (!chunks.TryBegin(sse, chunk))
                    continue;
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
            // The response has begun: the client learns of the failure from an error event, and the
            // missing [DONE] and finish reason tell any SDK that the answer is incomplete.
            var error = UpstreamErrors.ForStream(failure, model.Id);
            OpenAiErrorFormat.Instance.Write(sse.BeginEvent(), error);
            await sse.EndEventAsync(cancellationToken);
            return;
        }

        exchange.Account(chat, stream.Usage, identity.Id);
        await chunks.WriteEndAsync(sse, stream.FinishReason, stream.Usage, cancellationToken);
    }

    private static async Task<IResult> ListModelsAsync(HttpContext context, ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, ModelCatalog catalog)
    {
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: false, context.RequestAborted);
        await rateLimiter.AcquireAsync(client, estimatedTokens: 0, context.RequestAborted);
        return TypedResults.Ok(new ModelList([.. catalog.Models.Select(model => new ModelEntry(model.Id, model.OwnedBy))]));
    }
}
