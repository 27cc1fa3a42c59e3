using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Reads a JSON object body within the configured size limit.</summary>
public static class RequestBodyReader
{
    /// <summary>
    /// The body is read into a pooled buffer and parsed from there: the parsed nodes own a copy of
    /// what they need, so the buffer goes back to the pool before the request is handled.
    /// </summary>
    public static async Task<JsonObject> ReadJsonObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw new GatewayException(GatewayError.RequestTooLarge(limit));

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
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
            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
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

    private static JsonObject Parse(ReadOnlySpan<byte> json)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException exception)
        {
            throw new GatewayException(GatewayError.InvalidJson(FirstSentence(exception.Message)));
        }

        return node as JsonObject ?? throw new GatewayException(GatewayError.InvalidJson("the body must be a JSON object."));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..(end + 1)] : message;
    }
}
