using System.Buffers;
using System.Text;
using System.Text.Json;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Reads the body of an upstream's 4xx into an <see cref="UpstreamRejection"/>: an OpenAI error object
/// (<c>{"error":{"message",…}}</c>), or an Anthropic one (<c>{"type":"error","error":{"type","message"}}</c>)
/// from an Anthropic upstream, is relayed field for field; anything else becomes a gateway message with a
/// short excerpt. Either way every string is redacted and the size is bounded.
/// </summary>
public static class UpstreamErrorBody
{
    /// <summary>The most of a body that is read; a longer one is not parsed, only excerpted.</summary>
    public const int ReadLimit = 16 * 1024;

    /// <summary>The most characters of a body that is not an OpenAI error that reach the client.</summary>
    public const int ExcerptLimit = 300;

    /// <summary>Reads at most <see cref="ReadLimit"/> bytes; Complete tells whether that was the whole body.</summary>
    public static async Task<(byte[] Body, bool Complete)> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadLimit + 1];
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
                length += read;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            // The status already says what matters; a body cut short is excerpted as far as it came.
            return (buffer[..length], false);
        }
        return length > ReadLimit ? (buffer[..ReadLimit], false) : (buffer[..length], true);
    }

    /// <summary>What the client is told about the rejection.</summary>
    public static UpstreamRejection Parse(string provider, int status, string? reason, ReadOnlySpan<byte> body, bool complete, UpstreamRedactor redactor,
        WireFormat format = WireFormat.OpenAi)
    {
        if (complete && TryParseError(body, redactor, format) is { } relayed)
            return relayed with { Provider = provider, Status = status };

        var excerpt = Excerpt(body, redactor);
        var message = $"The provider rejected the request: {provider} answered {status} {reason}".TrimEnd() + ".";
        if (excerpt.Length > 0)
            message += $" Its answer: {excerpt}";
        return new UpstreamRejection(provider, status, message, Param: null, Code: null, OpenAiError: null);
    }

    /// <summary>
    /// The <c>error</c> object of an error body (<c>{"error":{"message":"…",…}}</c>, the shape OpenAI's and
    /// Anthropic's share), redacted, with an empty provider and status for the caller to fill in; null for
    /// any other body. Of an Anthropic upstream (<paramref name="format"/>) the object is kept as Anthropic's,
    /// its <c>type</c> as the code.
    /// </summary>
    internal static UpstreamRejection? TryParseError(ReadOnlySpan<byte> body, UpstreamRedactor redactor, WireFormat format = WireFormat.OpenAi)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object
                || !error.TryGetProperty("message", out var message)
                || message.ValueKind != JsonValueKind.String)
                return null;

            var json = new ArrayBufferWriter<byte>(body.Length);
            using (var writer = new Utf8JsonWriter(json))
                WriteRedacted(writer, error, redactor);
            var said = redactor.Redact(message.GetString()!);
            return format == WireFormat.Anthropic
                ? new UpstreamRejection("", 0, said, Param: null, TextOf(error, "type", redactor), OpenAiError: null, json.WrittenSpan.ToArray())
                : new UpstreamRejection("", 0, said, TextOf(error, "param", redactor), TextOf(error, "code", redactor), json.WrittenSpan.ToArray());
        }
    }

    /// <summary>A string field as it is, a number (some upstreams send numeric codes) as its text, otherwise null.</summary>
    private static string? TextOf(JsonElement error, string name, UpstreamRedactor redactor) =>
        error.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => redactor.Redact(value.GetString()!),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static void WriteRedacted(Utf8JsonWriter writer, JsonElement element, UpstreamRedactor redactor)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteRedacted(writer, property.Value, redactor);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    WriteRedacted(writer, item, redactor);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(redactor.Redact(element.GetString()!));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>The body's start on one line: control characters and runs of white space become one space.</summary>
    private static string Excerpt(ReadOnlySpan<byte> body, UpstreamRedactor redactor)
    {
        // Redacted before it is cut, so a key is never shown in part; four times the excerpt leaves room for that.
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ExcerptLimit * 4)]);
        var line = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            var blank = char.IsWhiteSpace(character) || char.IsControl(character);
            if (!blank) line.Append(character);
            else if (line.Length > 0 && line[^1] != ' ') line.Append(' ');
        }
        var clean = redactor.Redact(line.ToString().Trim());
        return clean.Length <= ExcerptLimit && body.Length <= ExcerptLimit * 4 ? clean : string.Concat(clean.AsSpan(0, Math.Min(clean.Length, ExcerptLimit)), "…");
    }
}
