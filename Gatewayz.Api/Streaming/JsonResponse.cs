using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Streaming;

/// <summary>A JSON body written with <see cref="Utf8JsonWriter"/>, sent with its Content-Length.</summary>
public static class JsonResponse
{
    public static Task WriteAsync<TState>(HttpResponse response, TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken) =>
        WriteAsync(response, Serialize(state, write), cancellationToken);

    public static ReadOnlyMemory<byte> Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            write(writer, state);
        return buffer.WrittenMemory;
    }

    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
