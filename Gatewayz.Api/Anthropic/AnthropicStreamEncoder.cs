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
/// <c>message_stop</c>. A tool call's arguments are checked to be a JSON object (Anthropic's <c>input</c>
/// must be one) when its block closes: otherwise the stream ends with an <c>error</c> event, as the
/// non-streamed answer fails. Text that is only whitespace opens no block (Anthropic refuses such a
/// block when the client sends it back): it is written once text with more arrives. A message with a
/// tool call stops with <c>tool_use</c> even when the upstream said <c>stop</c>. The upstream's answer is
/// read as format-free deltas; only choice 0 is an
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
    private bool _wroteToolUse;

    // The open tool call's arguments so far, checked when its block closes.
    private readonly System.Text.StringBuilder _toolArguments = new();

    // Whitespace that arrived while no text block was open, kept until text with more arrives.
    private string? _pendingWhitespace;

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
                    var text = delta.Text!;
                    if (_open != kind)
                    {
                        if (kind == ChatDeltaKind.Text && string.IsNullOrWhiteSpace(text))
                        {
                            _pendingWhitespace += text;
                            continue;
                        }
                        if (kind == ChatDeltaKind.Text)
                            text = _pendingWhitespace + text;
                        Open(sse, kind, delta);
                    }
                    AnthropicWire.WriteContentBlockDelta(sse.BeginEvent("content_block_delta"), _blocks - 1, kind, text);
                    break;
                case ChatDeltaKind.ToolCallStarted:
                    Open(sse, ChatDeltaKind.ToolCallStarted, delta);
                    _openToolIndex = delta.ToolIndex;
                    _wroteToolUse = true;
                    wrote = true;
                    continue;
                case ChatDeltaKind.ToolArguments:
                    // A block once closed cannot take more: fragments of calls made in turn are fine,
                    // calls whose fragments interleave cannot be expressed as Anthropic blocks.
                    if (_open != ChatDeltaKind.ToolCallStarted || _openToolIndex != delta.ToolIndex)
                        throw new UpstreamException(UpstreamFailureKind.InvalidResponse,
                            "The upstream interleaved the arguments of parallel tool calls, which Anthropic's stream cannot express.");
                    _toolArguments.Append(delta.Text);
                    AnthropicWire.WriteContentBlockDelta(sse.BeginEvent("content_block_delta"), _blocks - 1, ChatDeltaKind.ToolArguments, delta.Text!);
                    break;
                case ChatDeltaKind.Finished:
                    _stopSequence = delta.StopSequence;
                    CheckToolArguments();
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
        AnthropicWire.WriteMessageDelta(sse.BeginEvent("message_delta"), finishReason, _stopSequence, _wroteToolUse, usage);
        sse.EndEvent();
        AnthropicWire.WriteTypeOnly(sse.BeginEvent("message_stop"), "message_stop");
        await sse.EndEventAsync(cancellationToken);
    }

    public void BeginError(ServerSentEventWriter sse, GatewayError error) => AnthropicErrorFormat.Instance.Write(sse.BeginEvent("error"), error);

    /// <summary>Closes the open block, if any, and opens the next one (its events are ended, not yet sent).</summary>
    private void Open(ServerSentEventWriter sse, ChatDeltaKind kind, in ChatDelta delta)
    {
        Close(sse);
        _pendingWhitespace = null;
        var toolCallId = kind == ChatDeltaKind.ToolCallStarted ? AnthropicWire.ToolUseId(identity, delta.ToolCallId, _blocks) : null;
        AnthropicWire.WriteContentBlockStart(sse.BeginEvent("content_block_start"), _blocks, kind, toolCallId, delta.ToolName);
        sse.EndEvent();
        _open = kind;
        _blocks++;
    }

    private void Close(ServerSentEventWriter sse)
    {
        if (_open is null) return;
        CheckToolArguments();
        AnthropicWire.WriteContentBlockStop(sse.BeginEvent("content_block_stop"), _blocks - 1);
        sse.EndEvent();
        _open = null;
    }

    /// <summary>The open tool call's arguments, whole, must be a JSON object; checked once, when its block closes.</summary>
    /// <exception cref="UpstreamException"><see cref="UpstreamFailureKind.InvalidResponse"/> when they are not.</exception>
    private void CheckToolArguments()
    {
        if (_open != ChatDeltaKind.ToolCallStarted)
            return;
        var arguments = _toolArguments.ToString();
        _toolArguments.Clear();
        AnthropicWire.ToolInput(arguments);
    }
}
