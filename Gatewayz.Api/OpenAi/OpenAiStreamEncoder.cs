using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;

namespace Gatewayz.Api.OpenAi;

/// <summary>
/// Writes a streamed answer as OpenAI chunk events. An event the upstream sent in OpenAI's format
/// (<see cref="ChatChunk.Payload"/>) is relayed as it came, with only the gateway's id and model written
/// in — tool-call fragments, further choices, logprobs and unknown fields included. An Anthropic
/// upstream's events are translated (<see cref="AnthropicDeltaReader"/>): text, reasoning, tool calls.
/// </summary>
public sealed class OpenAiStreamEncoder(ResponseIdentity identity, bool includeUsage) : IChatStreamEncoder
{
    private bool _relayed;
    private bool _encodedText;
    private bool _usageWritten;
    private AnthropicDeltaReader? _anthropic;
    private readonly List<ChatDelta> _deltas = [];

    // A translated answer's reasoning blocks, collected as they stream so that they reach the client whole,
    // signed, once the reasoning is over (OpenAiWire.WriteThinkingBlocksChunk says why not in fragments).
    private ChatPartsBuilder? _thinking;

    /// <summary>A comment: OpenAI's format has no keep-alive event, and its SDKs skip comments.</summary>
    public byte[] KeepAlive => ServerSentEventWriter.KeepAliveComment;

    /// <summary>OpenAI's stream has no opening event: the first chunk carries the role.</summary>
    public ValueTask WriteStartAsync(ServerSentEventWriter sse, WireFormat upstream, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public bool TryWrite(ServerSentEventWriter sse, in ChatChunk chunk)
    {
        if (!TryBegin(sse, chunk))
            return false;
        sse.EndEvent();
        return true;
    }

    private bool TryBegin(ServerSentEventWriter sse, in ChatChunk chunk)
    {
        if (chunk.Payload.Is(WireFormat.OpenAi))
        {
            // The gateway asks every upstream for usage; the client gets the report only if it asked too.
            if (chunk.UsageOnly && !includeUsage)
                return false;
            chunk.Payload.WriteTo(sse.BeginData(), identity.IdJson, identity.ModelJson);
            _relayed = true;
            _usageWritten |= chunk.Usage is not null;
            return true;
        }
        // Another format's event (an Anthropic upstream's), translated: text, reasoning and tool-call
        // fragments; the finish reason closes the stream.
        _deltas.Clear();
        (_anthropic ??= new AnthropicDeltaReader()).Read(chunk, _deltas);
        foreach (var delta in _deltas)
            if (delta.Kind is ChatDeltaKind.Thinking or ChatDeltaKind.ThinkingSignature or ChatDeltaKind.RedactedThinking)
                (_thinking ??= new ChatPartsBuilder(choice: 0)).Add(delta);
        if (!OpenAiWire.HasChunkContent(_deltas))
            return false;
        OpenAiWire.WriteDeltaChunk(sse.BeginEvent(), identity, _deltas, includeRole: !_encodedText);
        _encodedText = true;
        return true;
    }

    /// <summary>An error object in the data of an event, as OpenAI sends one mid-stream.</summary>
    public void BeginError(ServerSentEventWriter sse, GatewayError error) => OpenAiErrorFormat.Instance.Write(sse.BeginEvent(), error);

    /// <summary>
    /// Ends the stream after the upstream's last chunk: an encoded answer's signed reasoning blocks, whole, and
    /// its closing chunk with its finish reason (a relayed one carried its own), the usage chunk the client asked
    /// for when the upstream's did not reach it, and <c>[DONE]</c>.
    /// </summary>
    public async ValueTask WriteEndAsync(ServerSentEventWriter sse, string finishReason, TokenUsage usage, CancellationToken cancellationToken)
    {
        if (!_relayed)
        {
            // At the end rather than as each block closes: a later block (interleaved thinking) would otherwise
            // replace the earlier ones in an SDK that keeps a delta's unknown field as the last delta gave it.
            if (_thinking?.Build().OfType<ThinkingPart>().ToList() is { Count: > 0 } blocks)
            {
                OpenAiWire.WriteThinkingBlocksChunk(sse.BeginEvent(), identity, blocks, includeRole: !_encodedText);
                await sse.EndEventAsync(cancellationToken);
                _encodedText = true;
            }
            OpenAiWire.WriteChunk(sse.BeginEvent(), identity, _encodedText ? null : "", includeRole: !_encodedText, finishReason);
            await sse.EndEventAsync(cancellationToken);
        }
        if (includeUsage && !_usageWritten)
        {
            OpenAiWire.WriteUsageChunk(sse.BeginEvent(), identity, usage);
            await sse.EndEventAsync(cancellationToken);
        }
        await sse.WriteDoneAsync(cancellationToken);
    }
}
