using Gatewayz.Api.Catalog;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Inference;

/// <summary>
/// Serves a chat request in any client wire format: admission, then the answer — non-streamed behind
/// the response cache, or streamed with the gateway's keep-alives. The attempt that answers settles the
/// request (<see cref="AttemptOutcome"/>); one that ends without an answer to charge releases its budget.
/// </summary>
public sealed class ChatHandler(ChatExchange exchange, TimeProvider time, IOptions<GatewayOptions> options)
{
    /// <summary>The gateway's own keep-alives; upstream comments are activity for its timers, never relayed.</summary>
    private readonly TimeSpan _keepAlive = TimeSpan.FromSeconds(options.Value.Streaming.KeepAliveSeconds);

    public async Task HandleAsync(HttpContext context, IChatWireFormat format)
    {
        var chat = await exchange.AdmitAsync(context, format);
        try
        {
            if (chat.Request.Stream)
                await StreamAsync(context, chat, format);
            else
                await exchange.CompleteAsync(context, chat, format);
        }
        finally
        {
            // Every route failed, the cache answered, or the client left before an answer: nothing to charge.
            chat.Settlement.Release();
        }
    }

    private async Task StreamAsync(HttpContext context, AdmittedChat chat, IChatWireFormat format)
    {
        var cancellationToken = context.RequestAborted;
        await using var stream = await exchange.OpenStreamAsync(context, chat);
        using var sse = new ServerSentEventWriter(context.Response);
        sse.Start();
        var encoder = format.CreateStreamEncoder(chat.Identity, chat.Request);
        try
        {
            await encoder.WriteStartAsync(sse, cancellationToken);
            await foreach (var chunk in sse.WithKeepAlive(stream.ReadAsync(cancellationToken), _keepAlive, time, cancellationToken))
            {
                if (!encoder.TryWrite(sse, chunk))
                    continue;
                await sse.FlushAsync(cancellationToken);
                stream.Delivered(chunk, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left; the upstream call is cancelled with it, and what was delivered is charged.
            stream.Abandon();
            throw;
        }
        catch (UpstreamException failure)
        {
            // Recorded by the stream when the upstream failed; a chunk the client's format cannot express fails here.
            await stream.FailAsync(failure);
            // The response has begun: the client learns of the failure from an error event, and the
            // missing end tells any SDK that the answer is incomplete.
            encoder.BeginError(sse, UpstreamErrors.ForStream(failure, chat.Model.Id));
            await sse.EndEventAsync(cancellationToken);
            return;
        }
        await encoder.WriteEndAsync(sse, stream.FinishReason, stream.Usage, cancellationToken);
    }
}
