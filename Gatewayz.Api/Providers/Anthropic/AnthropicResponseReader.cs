using System.Text.Json;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>
/// Reads what the gateway needs out of Anthropic messages and stream events — the text, the stop reason
/// as OpenAI's finish reason, usage, the amount of output — forward with <see cref="Utf8JsonReader"/>,
/// straight from the upstream's bytes, which are kept whole for relaying (<see cref="UpstreamPayload"/>,
/// with where the gateway's <c>id</c> and <c>model</c> sit). An answer that reports a failure throws.
/// </summary>
public static class AnthropicResponseReader
{
    /// <summary>OpenAI's finish reason for an Anthropic <c>stop_reason</c>; null for none.</summary>
    public static string? FinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "max_tokens" or "model_context_window_exceeded" => FinishReasons.Length,
        "tool_use" => FinishReasons.ToolCalls,
        "refusal" => FinishReasons.ContentFilter,
        // end_turn, stop_sequence, pause_turn, and reasons yet to come: the model stopped by itself.
        _ => FinishReasons.Stop,
    };

    /// <summary>A non-streamed message (<c>{"type":"message","content":[…],…}</c>), kept whole for relaying.</summary>
    public static ChatCompletion ReadMessage(ReadOnlyMemory<byte> json, int estimatedInputTokens, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span);
            OpenAiJson.StartObject(ref reader);
            var message = new MessageSeen();
            Message(ref reader, ref message);
            OpenAiJson.EndOfInput(ref reader);
            if (message.Failed)
                throw AnthropicFailures.ErrorObject(json.Span, provider, redactor);
            if (!message.HasContent)
                throw OpenAiJson.Malformed("The message has no content array.");

            return new ChatCompletion(
                message.Output.FirstText ?? "",
                FinishReason(message.StopReason) ?? FinishReasons.Stop,
                message.Usage.Reported() ?? new TokenUsage(estimatedInputTokens, TokenEstimator.CountCharacters(message.Output.OutputCharacters)),
                message.ModelName)
            {
                Payload = new UpstreamPayload(json, message.Id, message.Model) { Format = WireFormat.Anthropic },
            };
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream returned a message the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>
    /// <c>input_tokens</c> of a token count (<c>{"input_tokens":N}</c>, the answer of Anthropic's Token Count API; other
    /// fields are skipped). A body that is not such an object, or whose count is missing or not a non-negative whole
    /// number, is an <see cref="UpstreamFailureKind.InvalidResponse"/>.
    /// </summary>
    public static int ReadTokenCount(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            OpenAiJson.StartObject(ref reader);
            int? count = null;
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("input_tokens"u8))
                    count = OpenAiJson.TokenCount(ref reader);
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            return count ?? throw OpenAiJson.Malformed("The token count has no input_tokens.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream returned a token count the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>
    /// One event's data, kept whole with its name for relaying. <c>message_start</c> (with the gateway's
    /// <c>id</c> and <c>model</c> in its <c>message</c>), <c>ping</c>, an empty block's start and a block's stop
    /// carry no output yet (<see cref="ChatChunk.CarriesNothing"/>); text, thinking, signature and tool-input
    /// deltas and a tool_use block's start do; <c>message_delta</c> carries the finish reason and the usage.
    /// </summary>
    public static ChatChunk ReadEvent(ReadOnlyMemory<byte> data, string? eventName, ref AnthropicStreamState state, string provider, UpstreamRedactor redactor)
    {
        try
        {
            var reader = new Utf8JsonReader(data.Span);
            OpenAiJson.StartObject(ref reader);
            string? type = null;
            var message = new MessageSeen();
            var messageObject = -1;
            var output = default(ChoicesSeen);
            string? stopReason = null;
            var usage = default(UsageSeen);
            var failed = false;
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    type = AnthropicEvents.Name(ref reader);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        messageObject = (int)reader.TokenStartIndex;
                        Message(ref reader, ref message);
                    }
                    else
                        reader.Skip();
                }
                else if (reader.ValueTextEquals("content_block"u8))
                {
                    reader.Read();
                    CountOutput(ref reader, ref output);
                }
                else if (reader.ValueTextEquals("delta"u8))
                    Delta(ref reader, ref output, ref stopReason);
                else if (reader.ValueTextEquals("usage"u8))
                    usage = Usage(ref reader);
                else if (reader.ValueTextEquals("error"u8))
                {
                    failed = true;
                    OpenAiJson.SkipValue(ref reader);
                }
                else
                    OpenAiJson.SkipValue(ref reader);
            }
            OpenAiJson.EndOfInput(ref reader);
            var name = eventName ?? type;
            if (failed || type == AnthropicEvents.Error || name == AnthropicEvents.Error)
                throw AnthropicFailures.ErrorObject(data.Span, provider, redactor);

            var payload = new UpstreamPayload(data, default, default) { Format = WireFormat.Anthropic, Event = name, IdentityObject = -1 };
            switch (type)
            {
                case AnthropicEvents.MessageStart when messageObject >= 0:
                    state.InputTokens = message.Usage.Input;
                    state.CacheCreationInputTokens = message.Usage.CacheWrites;
                    state.CacheReadInputTokens = message.Usage.CacheReads;
                    return new ChatChunk(null)
                    {
                        Payload = payload with { Id = message.Id, Model = message.Model, IdentityObject = messageObject },
                        CarriesNothing = true,
                    };
                case AnthropicEvents.MessageDelta:
                    // Usage here is cumulative; the prompt's count may come only with message_start.
                    return new ChatChunk(null, FinishReason(stopReason), usage.Reported(state))
                    {
                        Payload = payload,
                        OutputCharacters = output.OutputCharacters,
                    };
                case AnthropicEvents.MessageStop:
                    state.Stopped = true;
                    return new ChatChunk(null) { Payload = payload, CarriesNothing = true };
                default:
                    return new ChatChunk(output.FirstText)
                    {
                        Payload = payload,
                        OutputCharacters = output.OutputCharacters,
                        CarriesNothing = !output.HasOutput,
                    };
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new UpstreamException(UpstreamFailureKind.InvalidResponse, "The upstream sent a stream event the gateway cannot read.", inner: exception);
        }
    }

    /// <summary>What a message object held: a body's, or <c>message_start</c>'s.</summary>
    private struct MessageSeen
    {
        public Range Id, Model;
        public string? ModelName;
        public bool Failed, HasContent;
        public string? StopReason;
        public UsageSeen Usage;
        public ChoicesSeen Output;
    }

    /// <summary>The properties of a message object, the reader on its start; leaves it on the object's end.</summary>
    private static void Message(ref Utf8JsonReader reader, ref MessageSeen message)
    {
        while (OpenAiJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
                message.Id = OpenAiJson.ValueRange(ref reader);
            else if (reader.ValueTextEquals("model"u8))
            {
                message.Model = OpenAiJson.ValueRange(ref reader);
                message.ModelName = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("type"u8))
                message.Failed |= OpenAiJson.StringOrNull(ref reader) == AnthropicEvents.Error;
            else if (reader.ValueTextEquals("error"u8))
            {
                message.Failed = true;
                OpenAiJson.SkipValue(ref reader);
            }
            else if (reader.ValueTextEquals("content"u8))
                message.HasContent |= Content(ref reader, ref message.Output);
            else if (reader.ValueTextEquals("stop_reason"u8))
                message.StopReason = OpenAiJson.StringOrNull(ref reader);
            else if (reader.ValueTextEquals("usage"u8))
                message.Usage = Usage(ref reader);
            else
                OpenAiJson.SkipValue(ref reader);
        }
    }

    /// <summary>
    /// <c>content</c>: the text of its text blocks (joined, for traces and translation) and the amount of
    /// all its output — text, thinking, tool inputs — for estimates; false when it is not an array.
    /// </summary>
    private static bool Content(ref Utf8JsonReader reader, ref ChoicesSeen output)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
                throw OpenAiJson.Malformed("A content block is not an object.");
            while (OpenAiJson.NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("type"u8))
                    OpenAiJson.SkipValue(ref reader);
                else
                    TextOrOutput(ref reader, ref output);
            }
        }
        return true;
    }

    /// <summary>
    /// A <c>delta</c>: a block's text, thinking, signature or tool-input fragment (all output, the text also
    /// kept), or <c>message_delta</c>'s stop reason.
    /// </summary>
    private static void Delta(ref Utf8JsonReader reader, ref ChoicesSeen output, ref string? stopReason)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }
        while (OpenAiJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8) || reader.ValueTextEquals("stop_sequence"u8))
                OpenAiJson.SkipValue(ref reader);
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                stopReason = OpenAiJson.StringOrNull(ref reader);
                output.HasOutput |= stopReason is not null;
            }
            else
                TextOrOutput(ref reader, ref output);
        }
    }

    /// <summary>A property's value, the reader on its name: a <c>text</c> string is text, anything else counts as output.</summary>
    private static void TextOrOutput(ref Utf8JsonReader reader, ref ChoicesSeen output)
    {
        var isText = reader.ValueTextEquals("text"u8);
        reader.Read();
        if (isText && reader.TokenType == JsonTokenType.String)
            AddText(ref reader, ref output);
        else
            CountOutput(ref reader, ref output);
    }

    private static void AddText(ref Utf8JsonReader reader, ref ChoicesSeen output)
    {
        var text = reader.GetString()!;
        output.FirstText = output.FirstText is null ? text : output.FirstText + text;
        output.OutputCharacters += text.Length;
        output.HasOutput |= text.Length > 0;
    }

    /// <summary>
    /// Counts the strings of the value the reader is on (of any depth) as output, except the values of
    /// <c>type</c> properties, which name a block rather than say anything.
    /// </summary>
    private static void CountOutput(ref Utf8JsonReader reader, ref ChoicesSeen output)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            CountString(ref reader, ref output);
            return;
        }
        var depth = reader.CurrentDepth;
        var typeValue = false;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                typeValue = reader.ValueTextEquals("type"u8);
                continue;
            }
            if (!typeValue)
                CountString(ref reader, ref output);
            typeValue = false;
        }
    }

    private static void CountString(ref Utf8JsonReader reader, ref ChoicesSeen output)
    {
        if (reader.TokenType != JsonTokenType.String) return;
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        output.OutputCharacters += length;
        output.HasOutput |= length > 0;
    }

    /// <summary>
    /// Anthropic's counts of a <c>usage</c> object, each null when absent or not a count. <c>input_tokens</c> counts only
    /// the prompt after the last cache breakpoint; the gateway's <see cref="TokenUsage"/> follows OpenAI, whose
    /// <c>prompt_tokens</c> is the whole prompt and <c>cached_tokens</c> the part read from the cache.
    /// </summary>
    private struct UsageSeen
    {
        public int? Input, CacheWrites, CacheReads, Output;

        /// <summary>
        /// In the gateway's terms: the prompt is <c>input_tokens</c> + <c>cache_creation_input_tokens</c> +
        /// <c>cache_read_input_tokens</c>, its cached part the cache reads (cache writes have no OpenAI counterpart:
        /// prompt tokens, not cached ones). Null unless both <c>input_tokens</c> and <c>output_tokens</c> were given.
        /// </summary>
        public readonly TokenUsage? Reported() => Input is { } input && Output is { } output
            ? new TokenUsage(input + (CacheWrites ?? 0) + (CacheReads ?? 0), output) { CachedInputTokens = CacheReads ?? 0 }
            : null;

        /// <summary>
        /// A stream's usage at a <c>message_delta</c>, whose counts are cumulative but may leave out the prompt's:
        /// each one it does not give is <c>message_start</c>'s (<paramref name="prompt"/>).
        /// </summary>
        public readonly TokenUsage? Reported(in AnthropicStreamState prompt) => (this with
        {
            Input = Input ?? prompt.InputTokens,
            CacheWrites = CacheWrites ?? prompt.CacheCreationInputTokens,
            CacheReads = CacheReads ?? prompt.CacheReadInputTokens,
        }).Reported();
    }

    private static UsageSeen Usage(ref Utf8JsonReader reader)
    {
        var usage = default(UsageSeen);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return usage;
        }
        while (OpenAiJson.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("input_tokens"u8))
                usage.Input = OpenAiJson.TokenCount(ref reader);
            else if (reader.ValueTextEquals("output_tokens"u8))
                usage.Output = OpenAiJson.TokenCount(ref reader);
            else if (reader.ValueTextEquals("cache_creation_input_tokens"u8))
                usage.CacheWrites = OpenAiJson.TokenCount(ref reader);
            else if (reader.ValueTextEquals("cache_read_input_tokens"u8))
                usage.CacheReads = OpenAiJson.TokenCount(ref reader);
            else
                OpenAiJson.SkipValue(ref reader);
        }
        return usage;
    }
}
