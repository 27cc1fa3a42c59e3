using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Streaming;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Anthropic;

/// <summary>
/// Writes a streamed answer as Anthropic's event sequence: <c>message_start</c>; content blocks, each
/// opened when its first delta arrives (<c>content_block_start</c>), filled (<c>content_block_delta</c>:
/// text, thinking, or a tool call's <c>input_json_delta</c>) and closed when another kind begins
/// (<c>content_block_stop</c>); then <c>message_delta</c> with the stop reason and usage, and
/// <c>message_stop</c>. The upstream's answer is read as format-free deltas; only choice 0 is an
/// Anthropic answer (the API has no <c>n</c>, so the gateway never asks for more). An Anthropic upstream's
/// events are relayed instead (<see cref="AnthropicRelay"/>).
/// </summary>
public sealed class AnthropicStreamEncoder(ResponseIdentity identity, int estimatedInputTokens) : IChatStreamEncoder
{
    private static readonly byte[] Ping = "event: ping\ndata: {\"type\":\"ping\"}\n\n"u8.ToArray();

    private readonly OpenAiDeltaReader _reader = new();
    private readonly List<ChatDelta> _deltas = [];
    private int _blocks;
    private ChatDeltaKind? _open;
    private int _openToolIndex;
    private string? _stopSequence;

    /// <summary>Anthropic's own keep-alive, the <c>ping</c> event, which its SDKs expect and skip.</summary>
    public byte[] KeepAlive => Ping;

    /// <summary>The upstream speaks Anthropic's format: its own events, from message_start to message_stop, are relayed.</summary>
    private bool _relay;

    public async ValueTask WriteStartAsync(ServerSentEventWriter sse, WireFormat upstream, CancellationToken cancellationToken)
    {
        if (_relay = upstream == WireFormat.Anthropic)
            return;
        AnthropicWire.WriteMessageStart(sse.BeginEvent("message_start"), identity, estimatedInputTokens);
        await sse.EndEventAsync(cancellationToken);
    }

    public bool TryWrite(ServerSentEventWriter sse, in ChatChunk chunk)
    {
        if (_relay)
            return AnthropicRelay.TryWrite(sse, chunk, identity);
        _deltas.Clear();
        _reader.Read(chunk, _deltas);
        var wrote = false;
        foreach (var delta in _deltas)
        {
            if (delta.Choice != 0) continue;
            switch (delta.Kind)
            {
                case ChatDeltaKind.Text or ChatDeltaKind.Refusal or ChatDeltaKind.Thinking:
                    var kind = delta.Kind == ChatDeltaKind.Thinking ? ChatDeltaKind.Thinking : ChatDeltaKind.Text;
                    if (_open != kind) Open(sse, kind, delta);
                    AnthropicWire.WriteContentBlockDelta(sse.BeginEvent("content_block_delta"), _blocks - 1, kind, delta.Text!);
                    break;
                case ChatDeltaKind.ToolCallStarted:
                    Open(sse, ChatDeltaKind.ToolCallStarted, delta);
                    _openToolIndex = delta.ToolIndex;
                    wrote = true;
                    continue;
                case ChatDeltaKind.ToolArguments:
                    // A block once closed cannot take more: fragments of calls made in turn are fine,
                    // calls whose fragments interleave cannot be expressed as Anthropic blocks.
                    if (_open != ChatDeltaKind.ToolCallStarted || _openToolIndex != delta.ToolIndex)
                        throw new UpstreamException(UpstreamFailureKind.InvalidResponse,
                            "The upstream interleaved the arguments of parallel tool calls, which Anthropic's stream cannot express.");
                    AnthropicWire.WriteContentBlockDelta(sse.BeginEvent("content_block_delta"), _blocks - 1, ChatDeltaKind.ToolArguments, delta.Text!);
                    break;
                case ChatDeltaKind.Finished:
                    _stopSequence = delta.StopSequence;
                    continue;
                default:
                    continue;
            }
            sse.EndEvent();
            wrote = true;
        }
        return wrote;
    }

    public async ValueTask WriteEndAsync(ServerSentEventWriter sse, string finishReason, TokenUsage usage, CancellationToken cancellationToken)
    {
        if (_relay)
            return;
        Close(sse);
        AnthropicWire.WriteMessageDelta(sse.BeginEvent("message_delta"), finishReason, _stopSequence, usage);
        sse.EndEvent();
        AnthropicWire.WriteTypeOnly(sse.BeginEvent("message_stop"), "message_stop");
        await sse.EndEventAsync(cancellationToken);
    }

    public void BeginError(ServerSentEventWriter sse, GatewayError error) => AnthropicErrorFormat.Instance.Write(sse.BeginEvent("error"), error);

    /// <summary>Closes the open block, if any, and opens the next one (its events are ended, not yet sent).</summary>
    private void Open(ServerSentEventWriter sse, ChatDeltaKind kind, in ChatDelta delta)
    {
        Close(sse);
        var toolCallId = kind == ChatDeltaKind.ToolCallStarted ? AnthropicWire.ToolUseId(identity, delta.ToolCallId, _blocks) : null;
        AnthropicWire.WriteContentBlockStart(sse.BeginEvent("content_block_start"), _blocks, kind, toolCallId, delta.ToolName);
        sse.EndEvent();
        _open = kind;
        _blocks++;
    }

    private void Close(ServerSentEventWriter sse)
    {
        if (_open is null) return;
        AnthropicWire.WriteContentBlockStop(sse.BeginEvent("content_block_stop"), _blocks - 1);
        sse.EndEvent();
        _open = null;
    }
}
