using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// Writes a simulated answer as OpenAI sends it: a <c>chat.completion</c> body, or the
/// <c>chat.completion.chunk</c> events of a stream — one choice per event with its <c>index</c>, the
/// role first, reasoning (<c>reasoning_content</c>, as DeepSeek and vLLM write it), text or tool-call fragments,
/// the finish reason, and the usage alone at the end as with <c>stream_options.include_usage</c>. Each document
/// is one exactly-sized array, as it will be relayed.
/// </summary>
internal static class SimulatedWire
{
    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static byte[] Completion(in SimulatedHeader header, SimulatedScript script, TokenUsage usage) =>
        Writer.Write((header, script, usage), static (writer, state) =>
        {
            WriteHeader(writer, state.header, "chat.completion"u8);
            writer.WriteStartArray("choices"u8);
            foreach (var choice in state.script.Choices)
            {
                writer.WriteStartObject();
                writer.WriteNumber("index"u8, choice.Index);
                writer.WriteStartObject("message"u8);
                writer.WriteString("role"u8, "assistant"u8);
                WriteContent(writer, choice, 0, choice.Tokens.Count);
                if (choice.ReasoningTokens.Count > 0)
                    WriteTokens(writer, "reasoning_content"u8, choice.ReasoningTokens, 0, choice.ReasoningTokens.Count);
                writer.WriteNull("refusal"u8);
                if (choice.ToolCalls.Count > 0)
                {
                    writer.WriteStartArray("tool_calls"u8);
                    foreach (var call in choice.ToolCalls)
                    {
                        writer.WriteStartObject();
                        WriteCallStart(writer, call, call.Arguments);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                }
                writer.WriteStartArray("annotations"u8);
                writer.WriteEndArray();
                writer.WriteEndObject();
                WriteLogProbs(writer, choice, 0, choice.Tokens.Count, state.script.TopLogProbs);
                writer.WriteString("finish_reason"u8, choice.FinishReason);
                WriteStopReason(writer, choice);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            WriteUsage(writer, state.usage, state.script.ReasoningTokens);
            writer.WriteEndObject();
        });

    /// <summary>The event of <paramref name="step"/>; the choice's first event also carries the role.</summary>
    public static byte[] Chunk(in SimulatedHeader header, SimulatedChoice choice, ChoiceStep step, bool first, int topLogProbs) =>
        Writer.Write((header, choice, step, first, topLogProbs), static (writer, state) =>
        {
            var (header, choice, step, first, topLogProbs) = state;
            BeginChoiceChunk(writer, header, choice.Index);
            if (first)
                writer.WriteString("role"u8, "assistant"u8);
            if (step.Kind == StepKind.Text)
                WriteContent(writer, choice, step.From, step.Length);
            else if (step.Kind == StepKind.Reasoning)
                WriteTokens(writer, "reasoning_content"u8, choice.ReasoningTokens, step.From, step.Length);
            else if (first)
                // "" before text, as OpenAI sends it; null before function calls.
                WriteContent(writer, choice, 0, 0);
            if (step.Kind is StepKind.CallStart or StepKind.Arguments)
            {
                var call = choice.ToolCalls[step.Call];
                writer.WriteStartArray("tool_calls"u8);
                writer.WriteStartObject();
                writer.WriteNumber("index"u8, step.Call);
                if (step.Kind == StepKind.CallStart)
                    WriteCallStart(writer, call, "");
                else
                {
                    writer.WriteStartObject("function"u8);
                    writer.WriteString("arguments"u8, call.Arguments.AsSpan(step.From, step.Length));
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                writer.WriteEndArray();
            }
            if (first)
                writer.WriteNull("refusal"u8);
            writer.WriteEndObject();
            if (step.Kind == StepKind.Text)
                WriteLogProbs(writer, choice, step.From, step.Length, topLogProbs);
            else
                writer.WriteNull("logprobs"u8);
            EndChoiceChunk(writer, finishReason: null);
        });

    /// <summary>A choice's last event: an empty delta with its finish reason (and the stop sequence that ended it).</summary>
    public static byte[] Finish(in SimulatedHeader header, SimulatedChoice choice) =>
        Writer.Write((header, choice), static (writer, state) =>
        {
            BeginChoiceChunk(writer, state.header, state.choice.Index);
            writer.WriteEndObject();
            writer.WriteNull("logprobs"u8);
            EndChoiceChunk(writer, state.choice.FinishReason, state.choice);
        });

    /// <summary>The stream's last event: no choices, the usage of all of them (<paramref name="reasoningTokens"/> of it reasoning).</summary>
    public static byte[] Usage(in SimulatedHeader header, TokenUsage usage, int reasoningTokens) =>
        Writer.Write((header, usage, reasoningTokens), static (writer, state) =>
        {
            WriteHeader(writer, state.header, "chat.completion.chunk"u8);
            writer.WriteStartArray("choices"u8);
            writer.WriteEndArray();
            WriteUsage(writer, state.usage, state.reasoningTokens);
            writer.WriteEndObject();
        });

    /// <summary>A system fingerprint (<c>fp_</c> and ten hex digits) that stays the same for one provider.</summary>
    public static JsonEncodedText Fingerprint(string provider) => Encode($"fp_{(uint)StableHash.Of(0, provider):x8}{(byte)StableHash.Of(1, provider):x2}");

    /// <summary>A string value escaped once, for the fields every event of an answer repeats.</summary>
    public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    private static void WriteHeader(Utf8JsonWriter writer, in SimulatedHeader header, ReadOnlySpan<byte> objectType)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, header.Id);
        writer.WriteString("object"u8, objectType);
        writer.WriteNumber("created"u8, header.Created);
        writer.WriteString("model"u8, header.Model);
        writer.WriteString("system_fingerprint"u8, header.Fingerprint);
    }

    /// <summary>Writes up to the open <c>delta</c> of the chunk's only choice.</summary>
    private static void BeginChoiceChunk(Utf8JsonWriter writer, in SimulatedHeader header, int index)
    {
        WriteHeader(writer, header, "chat.completion.chunk"u8);
        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, index);
        writer.WriteStartObject("delta"u8);
    }

    /// <summary>
    /// Closes the choice after its <c>logprobs</c>, with the stop sequence of a <paramref name="finished"/> choice;
    /// <c>usage</c> is null until the last event, as OpenAI streams it.
    /// </summary>
    private static void EndChoiceChunk(Utf8JsonWriter writer, string? finishReason, SimulatedChoice? finished = null)
    {
        if (finishReason is null) writer.WriteNull("finish_reason"u8); else writer.WriteString("finish_reason"u8, finishReason);
        if (finished is not null)
            WriteStopReason(writer, finished);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteNull("usage"u8);
        writer.WriteEndObject();
    }

    /// <summary>
    /// vLLM's <c>stop_reason</c> beside <c>finish_reason: "stop"</c>: the stop sequence that cut the text. Written only
    /// then (vLLM writes null otherwise, which OpenAI itself never sends), so every other event stays as OpenAI's.
    /// </summary>
    private static void WriteStopReason(Utf8JsonWriter writer, SimulatedChoice choice)
    {
        if (choice.StopReason is { } sequence)
            writer.WriteString("stop_reason"u8, sequence);
    }

    /// <summary><c>content</c>: the tokens as one string (null for a function-call answer), written without joining them first.</summary>
    private static void WriteContent(Utf8JsonWriter writer, SimulatedChoice choice, int from, int count)
    {
        if (choice.ToolCalls.Count > 0)
        {
            writer.WriteNull("content"u8);
            return;
        }
        WriteTokens(writer, "content"u8, choice.Tokens, from, count);
    }

    /// <summary>A string property of tokens <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, written without joining them first.</summary>
    private static void WriteTokens(Utf8JsonWriter writer, ReadOnlySpan<byte> property, IReadOnlyList<string> tokens, int from, int count)
    {
        if (count == 0)
        {
            writer.WriteString(property, "");
            return;
        }
        writer.WritePropertyName(property);
        for (var i = from; i < from + count; i++)
            writer.WriteStringValueSegment(tokens[i], isFinalSegment: i == from + count - 1);
    }

    private static void WriteCallStart(Utf8JsonWriter writer, SimulatedToolCall call, string arguments)
    {
        writer.WriteString("id"u8, call.Id);
        writer.WriteString("type"u8, "function"u8);
        writer.WriteStartObject("function"u8);
        writer.WriteString("name"u8, call.Name);
        writer.WriteString("arguments"u8, arguments);
        writer.WriteEndObject();
    }

    /// <summary><c>logprobs</c> of tokens <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, or null when not asked.</summary>
    private static void WriteLogProbs(Utf8JsonWriter writer, SimulatedChoice choice, int from, int count, int top)
    {
        if (choice.LogProbs is not { } logProbs)
        {
            writer.WriteNull("logprobs"u8);
            return;
        }
        writer.WriteStartObject("logprobs"u8);
        writer.WriteStartArray("content"u8);
        for (var i = from; i < from + count; i++)
        {
            var token = choice.Tokens[i];
            var logProb = logProbs[i];
            writer.WriteStartObject();
            WriteToken(writer, token, logProb.LogProb);
            writer.WriteStartArray("top_logprobs"u8);
            for (var rank = 0; rank < top; rank++)
            {
                writer.WriteStartObject();
                // The token itself is the likeliest; the others follow.
                if (rank == 0)
                    WriteToken(writer, token, logProb.LogProb);
                else
                    WriteToken(writer, SimulatedWords.Alternative(token, logProb.AlternativesStart, rank - 1), logProb.AlternativeLogProb(rank - 1));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNull("refusal"u8);
        writer.WriteEndObject();
    }

    private static void WriteToken(Utf8JsonWriter writer, string token, double logProb)
    {
        writer.WriteString("token"u8, token);
        writer.WriteNumber("logprob"u8, logProb);
        writer.WriteStartArray("bytes"u8);
        Span<byte> utf8 = stackalloc byte[256];
        var length = Encoding.UTF8.GetByteCount(token);
        var bytes = length <= utf8.Length ? utf8[..Encoding.UTF8.GetBytes(token, utf8)] : Encoding.UTF8.GetBytes(token);
        foreach (var b in bytes)
            writer.WriteNumberValue(b);
        writer.WriteEndArray();
    }

    /// <summary><c>usage</c>, as OpenAI reports it: <c>completion_tokens</c> include the reasoning, which <c>completion_tokens_details.reasoning_tokens</c> tells apart.</summary>
    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage, int reasoningTokens)
    {
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, usage.InputTokens);
        writer.WriteNumber("completion_tokens"u8, usage.OutputTokens);
        writer.WriteNumber("total_tokens"u8, usage.TotalTokens);
        writer.WriteStartObject("prompt_tokens_details"u8);
        writer.WriteNumber("cached_tokens"u8, 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details"u8);
        writer.WriteNumber("reasoning_tokens"u8, reasoningTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
