using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Writes a streamed answer as Anthropic's event sequence: <c>message_start</c>, one text content block
/// (<c>content_block_start</c>, a <c>content_block_delta</c> per chunk with text, <c>content_block_stop</c>),
/// <c>message_delta</c> with the stop reason and usage, <c>message_stop</c>.
/// </summary>
public sealed class AnthropicStreamEncoder(ResponseIdentity identity, int estimatedInputTokens) : IChatStreamEncoder
{
    public async ValueTask WriteStartAsync(ServerSentEventWriter sse, CancellationToken cancellationToken)
    {
        AnthropicWire.WriteMessageStart(sse.BeginEvent("message_start"), identity, estimatedInputTokens);
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteContentBlockStart(sse.BeginEvent("content_block_start"));
        await sse.EndEventAsync(cancellationToken);
    }

    public bool TryBegin(ServerSentEventWriter sse, in ChatChunk chunk)
    {
        if (chunk.Content is not { Length: > 0 } text)
            return false;
        AnthropicWire.WriteTextDelta(sse.BeginEvent("content_block_delta"), text);
        return true;
    }

    public async ValueTask WriteEndAsync(ServerSentEventWriter sse, string finishReason, TokenUsage usage, CancellationToken cancellationToken)
    {
        AnthropicWire.WriteContentBlockStop(sse.BeginEvent("content_block_stop"));
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteMessageDelta(sse.BeginEvent("message_delta"), finishReason, usage);
        await sse.EndEventAsync(cancellationToken);
        AnthropicWire.WriteTypeOnly(sse.BeginEvent("message_stop"), "message_stop");
        await sse.EndEventAsync(cancellationToken);
    }

    public void BeginError(ServerSentEventWriter sse, GatewayError error) => AnthropicErrorFormat.Instance.Write(sse.BeginEvent("error"), error);
}
