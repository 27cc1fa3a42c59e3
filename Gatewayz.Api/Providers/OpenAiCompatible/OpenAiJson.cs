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
    /// The text and finish reason of <c>choices[0]</c>, whose text sits in the object named
    /// <paramref name="textObject"/> (<c>message</c> or <c>delta</c>). A completion requires the
    /// choice and its message; a chunk may have neither.
    /// </summary>
    public static ChoiceText FirstChoice(ref Utf8JsonReader reader, ReadOnlySpan<byte> textObject, bool required)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return required ? throw Malformed("choices is not an array.") : default;
        }
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
            return required ? throw Malformed("choices is empty.") : default;

        var choice = Choice(ref reader, textObject, required);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            reader.Skip();
        return choice;
    }

    private static ChoiceText Choice(ref Utf8JsonReader reader, ReadOnlySpan<byte> textObject, bool textRequired)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed("A choice is not an object.");
        string? content = null;
        string? finish = null;
        var sawText = false;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals(textObject))
            {
                content = Content(ref reader);
                sawText = true;
            }
            else if (reader.ValueTextEquals("finish_reason"u8))
                finish = StringOrNull(ref reader);
            else
                SkipValue(ref reader);
        }
        return textRequired && !sawText ? throw Malformed("The choice has no message.") : new ChoiceText(content, finish, true);
    }

    private static string? Content(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw Malformed("A message is not an object.");
        string? content = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("content"u8))
                content = StringOrNull(ref reader);
            else
                SkipValue(ref reader);
        }
        return content;
    }

    /// <summary><c>usage</c> when it is an object with both token counts, otherwise null.</summary>
    public static TokenUsage? Usage(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        int? input = null;
        int? output = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
                input = Int32(ref reader);
            else if (reader.ValueTextEquals("completion_tokens"u8))
                output = Int32(ref reader);
            else
                SkipValue(ref reader);
        }
        return input is { } i && output is { } o ? new TokenUsage(i, o) : null;
    }

    private static int Int32(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw Malformed("A token count is not an integer.");
    }
}
