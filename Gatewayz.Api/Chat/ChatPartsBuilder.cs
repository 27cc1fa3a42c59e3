using System.Text;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Collects one choice's <see cref="ChatDelta"/>s into its ordered content parts: runs of text (and of
/// refusal, which is text to a client) become one <see cref="TextPart"/>, runs of reasoning one
/// <see cref="ThinkingPart"/> (closed by its signature, when one comes), redacted reasoning a
/// <see cref="ThinkingPart"/> of its encrypted data, each tool call one <see cref="ToolCallPart"/> with its arguments joined.
/// </summary>
public sealed class ChatPartsBuilder(int choice)
{
    private readonly List<ContentPart> _parts = [];
    private readonly StringBuilder _run = new();
    private ChatDeltaKind? _runKind;
    private string? _signature;
    private readonly Dictionary<int, (int Part, string Id, string Name, StringBuilder Arguments)> _calls = [];

    /// <summary>The choice's finish reason, once a delta said it.</summary>
    public string? FinishReason { get; private set; }

    /// <summary>The stop sequence that ended the choice, when the upstream said which.</summary>
    public string? StopSequence { get; private set; }

    /// <summary>The parts of choice <paramref name="choice"/> of a whole answer's deltas (read its finish reason from the builder).</summary>
    public static ChatPartsBuilder Of(List<ChatDelta> deltas, int choice = 0)
    {
        var builder = new ChatPartsBuilder(choice);
        foreach (var delta in deltas)
            builder.Add(delta);
        return builder;
    }

    public void Add(in ChatDelta delta)
    {
        if (delta.Choice != choice) return;
        switch (delta.Kind)
        {
            case ChatDeltaKind.Text or ChatDeltaKind.Refusal:
                Append(ChatDeltaKind.Text, delta.Text);
                break;
            case ChatDeltaKind.Thinking:
                Append(ChatDeltaKind.Thinking, delta.Text);
                break;
            case ChatDeltaKind.ThinkingSignature:
                // The signature ends its block (one with no text too, as Anthropic sends when it omits the
                // reasoning): reasoning after it is another block, signed on its own.
                if (_runKind != ChatDeltaKind.Thinking) EndRun();
                _runKind = ChatDeltaKind.Thinking;
                _signature = delta.Text;
                EndRun();
                break;
            case ChatDeltaKind.RedactedThinking:
                EndRun();
                _parts.Add(new ThinkingPart("", EncryptedContent: delta.Text));
                break;
            case ChatDeltaKind.ToolCallStarted:
                EndRun();
                _calls[delta.ToolIndex] = (_parts.Count, delta.ToolCallId ?? "", delta.ToolName ?? "", new StringBuilder());
                _parts.Add(null!);
                break;
            case ChatDeltaKind.ToolArguments when _calls.TryGetValue(delta.ToolIndex, out var call):
                call.Arguments.Append(delta.Text);
                break;
            case ChatDeltaKind.Finished:
                FinishReason = delta.Text;
                StopSequence = delta.StopSequence;
                break;
        }
    }

    /// <summary>
    /// The parts, reasoning first: it precedes the answer it led to, whatever order a non-streamed body's
    /// fields came in (<c>content</c> is often written before <c>reasoning_content</c>).
    /// </summary>
    public IReadOnlyList<ContentPart> Build()
    {
        EndRun();
        foreach (var (_, call) in _calls)
            _parts[call.Part] = new ToolCallPart(call.Id, call.Name, call.Arguments.ToString());
        return [.. _parts.OrderBy(part => part is ThinkingPart ? 0 : 1)];
    }

    private void Append(ChatDeltaKind kind, string? text)
    {
        if (_runKind != kind) EndRun();
        _runKind = kind;
        _run.Append(text);
    }

    private void EndRun()
    {
        if (_runKind is { } kind && (_run.Length > 0 || _signature is not null))
            _parts.Add(kind == ChatDeltaKind.Thinking ? new ThinkingPart(_run.ToString(), _signature) : new TextPart(_run.ToString()));
        _run.Clear();
        _runKind = null;
        _signature = null;
    }
}
