using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Chat;

/// <summary>Reads a JSON object body within the configured size limit.</summary>
public static class RequestBodyReader
{
    public static async Task<JsonObject> ReadJsonObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            throw new GatewayException(GatewayError.RequestTooLarge(limit));

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
                throw new GatewayException(GatewayError.RequestTooLarge(limit));
        }

        if (buffer.WrittenCount == 0)
            throw new GatewayException(GatewayError.InvalidJson("the body is empty."));

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(buffer.WrittenSpan, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
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
