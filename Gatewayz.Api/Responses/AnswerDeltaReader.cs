using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Wire;
using Gatewayz.Api.Wire.Anthropic;
using Gatewayz.Api.Wire.OpenAi;

namespace Gatewayz.Api.Responses;

/// <summary>
/// Reads one answer as format-free <see cref="ChatDelta"/>s in whichever format its upstream speaks — OpenAI's (the
/// simulators and OpenAI-compatible upstreams, <see cref="OpenAiDeltaReader"/>) or Anthropic's
/// (<see cref="AnthropicDeltaReader"/>) — and the reasoning's share of the output tokens, which OpenAI's usage reports
/// (<c>completion_tokens_details.reasoning_tokens</c>) and Anthropic's does not. One reader per answer: both readers
/// remember which tool call is which.
/// </summary>
public sealed class AnswerDeltaReader
{
    private OpenAiDeltaReader? _openAi;
    private AnthropicDeltaReader? _anthropic;

    /// <summary>Output tokens spent reasoning, as the upstream's usage said (0 when it did not).</summary>
    public int ReasoningTokens { get; private set; }

    /// <summary>Adds the deltas of one streamed event to <paramref name="deltas"/>.</summary>
    public void Read(in ChatChunk chunk, List<ChatDelta> deltas)
    {
        if (chunk.Payload.Is(WireFormat.Anthropic))
        {
            (_anthropic ??= new AnthropicDeltaReader()).Read(chunk, deltas);
            return;
        }
        if (!chunk.Payload.Is(WireFormat.OpenAi))
            return;
        (_openAi ??= new OpenAiDeltaReader()).Read(chunk, deltas);
        if (chunk.Usage is not null)
            ReadReasoningTokens(chunk.Payload.Json.Span);
    }

    /// <summary>The deltas of a whole, non-streamed answer.</summary>
    public List<ChatDelta> ReadCompletion(ChatCompletion completion)
    {
        var deltas = new List<ChatDelta>();
        if (completion.Payload.Is(WireFormat.Anthropic))
            (_anthropic ??= new AnthropicDeltaReader()).ReadMessage(completion, deltas);
        else if (completion.Payload.Is(WireFormat.OpenAi))
        {
            (_openAi ??= new OpenAiDeltaReader()).ReadCompletion(completion, deltas);
            ReadReasoningTokens(completion.Payload.Json.Span);
        }
        else
        {
            // A provider that hands over no wire bytes: its text and finish reason are all there is.
            if (completion.Content.Length > 0) deltas.Add(new ChatDelta(ChatDeltaKind.Text, 0, completion.Content));
            deltas.Add(ChatDelta.Finished(0, completion.FinishReason));
        }
        return deltas;
    }

    /// <summary><c>usage.completion_tokens_details.reasoning_tokens</c> of an OpenAI-format body or event, when it has them.</summary>
    private void ReadReasoningTokens(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        if (!Enter(ref reader, "usage"u8) || !Enter(ref reader, "completion_tokens_details"u8)) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isReasoning = reader.ValueTextEquals("reasoning_tokens"u8);
            reader.Read();
            if (isReasoning && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var tokens))
            {
                ReasoningTokens = tokens;
                return;
            }
            reader.Skip();
        }
    }

    /// <summary>Moves into the object value of <paramref name="property"/> of the object the reader is in; false when it has none.</summary>
    private static bool Enter(ref Utf8JsonReader reader, ReadOnlySpan<byte> property)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = reader.ValueTextEquals(property);
            reader.Read();
            if (found) return reader.TokenType == JsonTokenType.StartObject;
            reader.Skip();
        }
        return false;
    }
}
