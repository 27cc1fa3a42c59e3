using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Wire;

/// <summary>
/// Writes one streamed answer in a client's wire format: the events before the first chunk, one event
/// per chunk the client should see, the closing events, or the error event of a stream that broke off.
/// </summary>
public interface IChatStreamEncoder
{
    /// <summary>The frame sent while the client would otherwise hear nothing (see <see cref="ServerSentEventWriter"/>).</summary>
    byte[] KeepAlive { get; }

    /// <summary>
    /// The events that open the answer, if the format has any. <paramref name="upstream"/> is the format the
    /// upstream answers in: when it is the client's, the upstream's own events are relayed, its opening ones too.
    /// </summary>
    ValueTask WriteStartAsync(ServerSentEventWriter sse, WireFormat upstream, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the events of <paramref name="chunk"/> (none, one or several, each ended with
    /// <see cref="ServerSentEventWriter.EndEvent"/>; the caller sends them); false when the chunk has
    /// nothing for this client.
    /// </summary>
    bool TryWrite(ServerSentEventWriter sse, in ChatChunk chunk);

    /// <summary>The events that close an answer that finished, with its finish reason and usage.</summary>
    ValueTask WriteEndAsync(ServerSentEventWriter sse, string finishReason, TokenUsage usage, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the error event of a stream that failed after it began (the client learns of the failure
    /// from it, and from the missing end); finish it with <see cref="ServerSentEventWriter.EndEventAsync"/>.
    /// </summary>
    void BeginError(ServerSentEventWriter sse, GatewayError error);
}
