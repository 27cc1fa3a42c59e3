using System.Buffers;
using System.Text.Json;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Reads a JSON object body within the configured size limit. Every string in it, read or only forwarded,
/// is checked once here to be Unicode text (<see cref="JsonTextValidator"/>), so that no later decoding or
/// re-writing of the body can fail, and no object may repeat a key (<see cref="DuplicateKeyFinder"/>): the
/// gateway validates, estimates and relays one and the same request.
/// </summary>
public static class RequestBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowDuplicateProperties = false };

    /// <summary>
    /// The body is read into a pooled buffer and parsed in place; the returned <see cref="RequestJson"/>
    /// owns the buffer and must be disposed when the request ends.
    /// </summary>
    public static async Task<RequestJson> ReadJsonObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw new GatewayException(GatewayError.RequestTooLarge(limit));

        byte[]? buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                    buffer = Grow(buffer);
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0) break;
                length += read;
                if (length > limit)
                    throw new GatewayException(GatewayError.RequestTooLarge(limit));
            }

            if (length == 0)
                throw new GatewayException(GatewayError.InvalidJson("the body is empty."));
            var json = new RequestJson(Parse(buffer.AsMemory(0, length)), buffer);
            buffer = null;
            return json;
        }
        finally
        {
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] full)
    {
        var larger = ArrayPool<byte>.Shared.Rent(full.Length * 2);
        full.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(full);
        return larger;
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        // With repeated keys refused, the parser decodes every property name, and throws InvalidOperationException
        // for one that is not Unicode text.
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            throw new GatewayException(Describe(json.Span, exception));
        }

        var error = document.RootElement.ValueKind == JsonValueKind.Object
            ? JsonTextValidator.FindInvalidString(json.Span)
            : GatewayError.InvalidJson("the body must be a JSON object.");
        if (error is null)
            return document;
        document.Dispose();
        throw new GatewayException(error);
    }

    /// <summary>Why the parser refused the body: a string that is not Unicode text, a repeated key, or the parser's own words.</summary>
    private static GatewayError Describe(ReadOnlySpan<byte> json, Exception exception)
    {
        var parsersWords = GatewayError.InvalidJson(FirstSentence(exception.Message));
        try
        {
            return JsonTextValidator.FindInvalidString(json) ?? DuplicateKeyFinder.Find(json) ?? parsersWords;
        }
        catch (JsonException)
        {
            return parsersWords; // malformed before any bad string or repeated key
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
