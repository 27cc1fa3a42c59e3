using System.Text;
using System.Text.Json;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>The event types of Anthropic's Messages stream, which name its SSE events too.</summary>
public static class AnthropicEvents
{
    public const string MessageStart = "message_start";
    public const string ContentBlockStart = "content_block_start";
    public const string ContentBlockDelta = "content_block_delta";
    public const string ContentBlockStop = "content_block_stop";
    public const string MessageDelta = "message_delta";
    public const string MessageStop = "message_stop";
    public const string Ping = "ping";
    public const string Error = "error";

    private static readonly (byte[] Utf8, string Name)[] Known =
        [.. new[] { ContentBlockDelta, Ping, ContentBlockStart, ContentBlockStop, MessageStart, MessageDelta, MessageStop, Error }
            .Select(name => (Encoding.UTF8.GetBytes(name), name))];

    /// <summary>An event name as a string: the known ones without allocating.</summary>
    public static string Name(ReadOnlySpan<byte> utf8)
    {
        foreach (var (bytes, name) in Known)
        {
            if (utf8.SequenceEqual(bytes))
                return name;
        }
        return Encoding.UTF8.GetString(utf8);
    }

    /// <summary>The string value the reader is on (an event's <c>type</c>), the known ones without allocating.</summary>
    public static string? Name(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
            return null;
        return reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString() : Name(reader.ValueSpan);
    }
}
