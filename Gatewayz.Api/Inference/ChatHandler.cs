using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;
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

    private async Task StreamAsync(HttpContext context, AdmittedRequest<Chat.ChatRequest> chat, IChatWireFormat format)
    {
        var cancellationToken = context.RequestAborted;
        var encoder = format.CreateStreamEncoder(chat.Identity, chat.Request);
        using var sse = new ServerSentEventWriter(context.Response, encoder.KeepAlive);
        InferenceStream opened;
        try
        {
            opened = await OpenWithKeepAliveAsync(exchange.OpenStreamAsync(context, chat), sse, cancellationToken);
        }
        catch (GatewayException failure) when (context.Response.HasStarted)
        {
            // Every route failed after the response began with keep-alives: the error is an event now.
            encoder.BeginError(sse, failure.Error);
            await sse.EndEventAsync(cancellationToken);
            return;
        }
        await using var stream = opened;
        sse.Start();
        try
        {
            await encoder.WriteStartAsync(sse, stream.UpstreamFormat, cancellationToken);
            await foreach (var chunk in sse.WithKeepAlive(stream.ReadAsync(cancellationToken), _keepAlive, time, cancellationToken))
            {
                if (!encoder.TryWrite(sse, chunk))
                    continue;
                await sse.FlushAsync(cancellationToken);
                stream.Delivered(chunk, cancellationToken);
            }
            // The end can still fail: a translated tool call whose arguments turn out not to be what the
            // client's format needs is found when its block closes.
            await encoder.WriteEndAsync(sse, stream.FinishReason, stream.Usage, cancellationToken);
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
            // missing end says the answer is incomplete (the Anthropic and Node SDKs throw; OpenAI's .NET SDK 2.15
            // ends quietly, its last update without a finish reason, see docs/resilience.md).
            encoder.BeginError(sse, UpstreamErrors.ForStream(failure, chat.Model.Id));
            await sse.EndEventAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Waits for the stream's first chunk. A client that heard nothing for the keep-alive interval gets the
    /// response's headers and a <c>: keep-alive</c> comment, and another each interval while the routes
    /// are still tried, so that proxies and clients with idle timeouts keep waiting for a model that
    /// thinks long before its first token. From then on a failure can only be an error event.
    /// </summary>
    private async Task<InferenceStream> OpenWithKeepAliveAsync(Task<InferenceStream> opening, ServerSentEventWriter sse, CancellationToken cancellationToken)
    {
        if (_keepAlive <= TimeSpan.Zero)
            return await opening;
        try
        {
            while (true)
            {
                try
                {
                    return await opening.WaitAsync(_keepAlive, time, cancellationToken);
                }
                catch (TimeoutException)
                {
                    await sse.WriteKeepAliveAsync(cancellationToken);
                }
            }
        }
        catch (Exception) when (!opening.IsCompleted)
        {
            // The client went away while the routes were tried: a stream that still opens is closed unread.
            _ = opening.ContinueWith(static task => task.Result.DisposeAsync().AsTask(), CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
    }
}
