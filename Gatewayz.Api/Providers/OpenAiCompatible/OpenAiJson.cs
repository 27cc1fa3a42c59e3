using System.Text.Json;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Forward-only reads of the OpenAI response shapes. Value readers are called with the reader on the
/// property's name and leave it on the value's last token; a later duplicate property wins, as with
/// <see cref="JsonDocument"/>. Shapes the gateway cannot read throw <see cref="JsonException"/>.
/// </summary>
internal static class OpenAiJson
{
    public static JsonException Malformed(string what) => new(what);

    public static void StartObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw Malformed("Expected a JSON object.");
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    public static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>Fails on anything after the root value, as parsing a whole document would.</summary>
    public static void EndOfInput(ref Utf8JsonReader reader)
    {
        if (reader.Read())
            throw Malformed("Unexpected data after the JSON object.");
    }

    /// <summary>Where the property's value sits in the input, from its first byte to just after its last.</summary>
    public static Range ValueRange(ref Utf8JsonReader reader)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return start..(int)reader.BytesConsumed;
    }

    /// <summary>A <c>model</c> property: where its value sits (<see cref="ValueRange"/>), and the value when it is a string.</summary>
    public static string? Model(ref Utf8JsonReader reader, out Range value)
    {
        value = ValueRange(ref reader);
        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    public static string? StringOrNull(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
            return reader.GetString();
        reader.Skip();
        return null;
    }

    /// <summary>
    /// Whether a top-level <c>error</c> reports a failure: an object or a string does; <c>null</c> (which
    /// some upstreams send on every chunk) and an empty string do not.
    /// </summary>
    public static bool IsError(ref Utf8JsonReader reader)
    {
        reader.Read();
        var failed = reader.TokenType switch
        {
            JsonTokenType.StartObject or JsonTokenType.StartArray => true,
            JsonTokenType.String => reader.ValueSpan.Length > 0,
            JsonTokenType.Null or JsonTokenType.False => false,
            _ => true,
        };
        reader.Skip();
        return failed;
    }

    /// <summary>
    /// Observes every choice of <c>choices</c>, whose output sits in the object named
    /// <paramref name="messageObject"/> (<c>message</c> or <c>delta</c>). A completion requires a
    /// non-empty array whose choices each have a message; a chunk may have neither.
    /// </summary>
    public static void Choices(ref Utf8JsonReader reader, ReadOnlySpan<byte> messageObject, bool required, ref ChoicesSeen seen)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            if (required) throw Malformed("choices is not an array.");
            return;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Choice(ref reader, messageObject, required, ref seen);
            seen.Count++;
        }
        if (required && seen.Count == 0)
            throw Malformed("choices is empty.");
    }

    private static void Choice(ref Utf8JsonReader reader, ReadOnlySpan<byte> messageObject, bool messageRequired, ref ChoicesSeen seen)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed("A choice is not an object.");
        int? index = null;
        string? text = null;
        string? finish = null;
        var sawMessage = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("index"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value)) index = value;
                else reader.Skip();
            }
            else if (reader.ValueTextEquals(messageObject))
            {
                text = Message(ref reader, ref seen);
                sawMessage = true;
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
                finish = StringOrNull(ref reader);
            else if (reader.ValueTextEquals("logprobs"u8))
            {
                reader.Read();
                seen.HasOutput |= reader.TokenType != JsonTokenType.Null;
                reader.Skip();
            }
            else
                SkipValue(ref reader);
        }
        if (messageRequired && !sawMessage)
            throw Malformed("The choice has no message.");

        // Choices without an index are numbered by position, as OpenAI's own answers are.
        if ((index ?? seen.Count) == 0)
        {
            seen.FirstText = text;
            seen.FirstFinishReason = finish ?? seen.FirstFinishReason;
        }
        else
            seen.OtherFinishReason ??= finish;
        if (finish is not null)
        {
            seen.HasOutput = true;
            seen.FinishedWithError |= finish == InBandFailures.ErrorFinishReason;
        }
    }

    /// <summary>
    /// A message or delta: returns its <c>content</c> string. Everything else it carries but its role —
    /// tool calls, refusal, reasoning, audio, fields yet to be invented — is output as well.
    /// </summary>
    private static string? Message(ref Utf8JsonReader reader, ref ChoicesSeen seen)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed("A message is not an object.");
        string? content = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                SkipValue(ref reader);
                continue;
            }
            var isContent = reader.ValueTextEquals("content"u8);
            reader.Read();
            if (isContent && reader.TokenType == JsonTokenType.String)
            {
                content = reader.GetString()!;
                seen.OutputCharacters += content.Length;
                seen.HasOutput |= content.Length > 0;
            }
            else
                CountOutput(ref reader, ref seen);
        }
        return content;
    }

    /// <summary>Counts the strings of the value the reader is on (of any depth) as output.</summary>
    public static void CountOutput(ref Utf8JsonReader reader, ref ChoicesSeen seen)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            CountString(ref reader, ref seen);
            return;
        }
        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
            CountString(ref reader, ref seen);
    }

    private static void CountString(ref Utf8JsonReader reader, ref ChoicesSeen seen)
    {
        if (reader.TokenType != JsonTokenType.String) return;
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        seen.OutputCharacters += length;
        seen.HasOutput |= length > 0;
    }

    /// <summary>
    /// <c>usage</c> when it is an object with both token counts as non-negative whole numbers (<c>11</c> or
    /// <c>11.0</c>), otherwise null: a count that is missing, null, negative or not a number leaves the
    /// usage to be estimated, rather than failing an answer that is otherwise good.
    /// </summary>
    /// <param name="outputRequired">
    /// False for answers without an output (embeddings report <c>prompt_tokens</c> and <c>total_tokens</c>): the
    /// usage then needs only <c>prompt_tokens</c>, with 0 output tokens.
    /// </param>
    public static TokenUsage? Usage(ref Utf8JsonReader reader, bool outputRequired = true)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        int? input = null;
        int? output = null;
        int? cached = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
                input = TokenCount(ref reader);
            else if (reader.ValueTextEquals("completion_tokens"u8))
                output = TokenCount(ref reader);
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
                cached = CachedTokens(ref reader);
            else
                SkipValue(ref reader);
        }
        if (!outputRequired)
            output ??= 0;
        return input is { } i && output is { } o ? new TokenUsage(i, o) { CachedInputTokens = Math.Min(cached ?? 0, i) } : null;
    }

    /// <summary><c>cached_tokens</c> of <c>prompt_tokens_details</c>, when it is a usable count.</summary>
    private static int? CachedTokens(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        int? cached = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("cached_tokens"u8))
                cached = TokenCount(ref reader);
            else
                SkipValue(ref reader);
        }
        return cached;
    }

    public static int? TokenCount(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number)
        {
            reader.Skip();
            return null;
        }
        if (reader.TryGetInt32(out var count))
            return count >= 0 ? count : null;
        return reader.TryGetDouble(out var number) && number >= 0 && number <= int.MaxValue && number == Math.Floor(number) ? (int)number : null;
    }
}
