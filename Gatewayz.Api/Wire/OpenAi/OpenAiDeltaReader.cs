using System.Text;
using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Wire.OpenAi;

/// <summary>
/// Turns an OpenAI-format answer into format-free <see cref="ChatDelta"/>s, for clients of another
/// format: per choice, text, reasoning (<c>reasoning_content</c> or <c>reasoning</c>), refusal, tool
/// calls (and the deprecated <c>function_call</c>, as call 0) and the finish reason. One reader per
/// answer: it remembers which tool calls have started, since OpenAI names a call only in its first
/// fragment, and numbers them itself — a fragment whose <c>id</c> differs from the call last seen at its
/// <c>index</c> starts a new call, since some upstreams (Gemini's OpenAI-compatible API) give every call
/// index 0 or none. A non-streamed body is read the same way, its <c>message</c> being one big delta.
/// Reads forward with <see cref="Utf8JsonReader"/>; the answer was already validated when it arrived.
/// </summary>
public sealed class OpenAiDeltaReader
{
    // Per choice and upstream index, the call last started there (its id, and its number in the answer);
    // per choice, how many calls have started.
    private readonly Dictionary<(int Choice, int UpstreamIndex), (string Id, int Tool)> _calls = [];
    private readonly Dictionary<int, int> _callsPerChoice = [];

    /// <summary>Adds the deltas of <paramref name="chunk"/>, an OpenAI-format event, to <paramref name="deltas"/>.</summary>
    public void Read(in ChatChunk chunk, List<ChatDelta> deltas) => Read(chunk.Payload.Json.Span, "delta"u8, deltas);

    /// <summary>Adds the deltas of a non-streamed OpenAI-format body to <paramref name="deltas"/>.</summary>
    public void ReadCompletion(in ChatCompletion completion, List<ChatDelta> deltas) => Read(completion.Payload.Json.Span, "message"u8, deltas);

    private void Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> messageObject, List<ChatDelta> deltas)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isChoices = reader.ValueTextEquals("choices"u8);
            reader.Read();
            if (isChoices && reader.TokenType == JsonTokenType.StartArray)
            {
                var position = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                    Choice(ref reader, json, messageObject, position++, deltas);
            }
            else
                reader.Skip();
        }
    }

    private void Choice(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, ReadOnlySpan<byte> messageObject, int position, List<ChatDelta> deltas)
    {
        // The choice's index may follow its message: deltas are numbered once the choice is read.
        var first = deltas.Count;
        int? index = null;
        string? finish = null;
        string? stopSequence = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) index = value;
            }
            else if (reader.ValueTextEquals(messageObject))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) Message(ref reader, json, deltas);
                else reader.Skip();
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) finish = reader.GetString();
            }
            else if (reader.ValueTextEquals("stop_reason"u8) || reader.ValueTextEquals("matched_stop"u8))
            {
                // Which stop sequence ended the choice, where the upstream says (vLLM's stop_reason,
                // SGLang's matched_stop); a number there is a stop token's id, not a sequence.
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) stopSequence = reader.GetString();
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        var choice = index ?? position;
        for (var i = first; i < deltas.Count; i++)
        {
            var delta = deltas[i] with { Choice = choice };
            if (delta.Kind == ChatDeltaKind.ToolCallStarted)
            {
                // Named once per call: a repeated start of the same call (same id, or none) says nothing new.
                var id = delta.ToolCallId ?? "";
                if (_calls.TryGetValue((choice, delta.ToolIndex), out var seen) && (id.Length == 0 || seen.Id.Length == 0 || id == seen.Id))
                {
                    deltas.RemoveAt(i--);
                    continue;
                }
                delta = delta with { ToolIndex = StartCall(choice, delta.ToolIndex, id) };
            }
            else if (delta.Kind == ChatDeltaKind.ToolArguments)
            {
                delta = delta with
                {
                    ToolIndex = _calls.TryGetValue((choice, delta.ToolIndex), out var call) ? call.Tool : StartCall(choice, delta.ToolIndex, ""),
                };
            }
            deltas[i] = delta;
        }
        if (finish is not null) deltas.Add(ChatDelta.Finished(choice, finish, finish == FinishReasons.Stop ? stopSequence : null));
    }

    /// <summary>Numbers a new call of <paramref name="choice"/>, the one now at <paramref name="upstreamIndex"/>.</summary>
    private int StartCall(int choice, int upstreamIndex, string id)
    {
        var tool = _callsPerChoice.GetValueOrDefault(choice);
        _callsPerChoice[choice] = tool + 1;
        _calls[(choice, upstreamIndex)] = (id, tool);
        return tool;
    }

    private void Message(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, List<ChatDelta> deltas)
    {
        // Some upstreams send the same reasoning as both reasoning_content and reasoning: the first one counts.
        var sawThinking = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var kind = reader.ValueTextEquals("content"u8) ? ChatDeltaKind.Text
                : reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8) ? ChatDeltaKind.Thinking
                : reader.ValueTextEquals("refusal"u8) ? ChatDeltaKind.Refusal
                : reader.ValueTextEquals("tool_calls"u8) ? ChatDeltaKind.ToolCallStarted
                : reader.ValueTextEquals("function_call"u8) ? ChatDeltaKind.ToolArguments
                : (ChatDeltaKind?)null;
            reader.Read();
            switch (kind)
            {
                case ChatDeltaKind.Thinking when sawThinking:
                    reader.Skip();
                    break;
                case ChatDeltaKind.Text or ChatDeltaKind.Thinking or ChatDeltaKind.Refusal when reader.TokenType == JsonTokenType.String:
                    if (reader.GetString() is { Length: > 0 } text)
                    {
                        deltas.Add(new ChatDelta(kind.Value, 0, text));
                        sawThinking |= kind == ChatDeltaKind.Thinking;
                    }
                    break;
                case ChatDeltaKind.ToolCallStarted when reader.TokenType == JsonTokenType.StartArray:
                    var position = 0;
                    while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                        ToolCall(ref reader, json, position++, deltas);
                    break;
                case ChatDeltaKind.ToolArguments when reader.TokenType == JsonTokenType.StartObject:
                    // The deprecated functions API: one call per answer, the function object itself.
                    Function(ref reader, json, toolIndex: 0, id: null, deltas);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static void ToolCall(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int position, List<ChatDelta> deltas)
    {
        int? index = null;
        string? id = null;
        var function = false;
        var start = deltas.Count;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) index = value;
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String) id = reader.GetString();
            }
            else if (reader.ValueTextEquals("function"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    Function(ref reader, json, 0, null, deltas);
                    function = true;
                }
                else reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (!function) return;
        var toolIndex = index ?? position;
        for (var i = start; i < deltas.Count; i++)
        {
            var delta = deltas[i];
            deltas[i] = delta.Kind == ChatDeltaKind.ToolCallStarted
                ? delta with { ToolIndex = toolIndex, ToolCallId = id ?? delta.ToolCallId }
                : delta with { ToolIndex = toolIndex };
        }
        // A fragment that names no function but carries the call's id still starts it.
        if (id is not null && (deltas.Count == start || deltas[start].Kind != ChatDeltaKind.ToolCallStarted))
            deltas.Insert(start, ChatDelta.ToolCallStarted(0, toolIndex, id, ""));
    }

    /// <summary>
    /// A <c>function</c> object: its name starts the call, its arguments are a fragment of them. Arguments
    /// sent as a JSON object rather than a string of JSON (some upstreams do) are taken as their JSON text.
    /// </summary>
    private static void Function(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int toolIndex, string? id, List<ChatDelta> deltas)
    {
        string? name = null;
        string? arguments = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isName = reader.ValueTextEquals("name"u8);
            var isArguments = reader.ValueTextEquals("arguments"u8);
            reader.Read();
            if (isArguments && reader.TokenType == JsonTokenType.StartObject)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                arguments = Encoding.UTF8.GetString(json[start..(int)reader.BytesConsumed]);
                continue;
            }
            if (reader.TokenType != JsonTokenType.String) { reader.Skip(); continue; }
            if (isName) name = reader.GetString();
            else if (isArguments) arguments = reader.GetString();
        }
        if (name is { Length: > 0 })
            deltas.Add(ChatDelta.ToolCallStarted(0, toolIndex, id ?? "", name));
        if (arguments is { Length: > 0 })
            deltas.Add(new ChatDelta(ChatDeltaKind.ToolArguments, 0, arguments, toolIndex));
    }
}
