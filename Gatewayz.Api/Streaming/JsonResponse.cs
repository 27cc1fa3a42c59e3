using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Streaming;

/// <summary>A JSON body written with <see cref="Utf8JsonWriter"/>, sent with its Content-Length.</summary>
public static class JsonResponse
{
    private static readonly ReusableJsonWriter Writer = new(new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static Task WriteAsync<TState>(HttpResponse response, TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken) =>
        WriteAsync(response, Serialize(state, write), cancellationToken);

    public static ReadOnlyMemory<byte> Serialize<TState>(TState state, Action<Utf8JsonWriter, TState> write) => Writer.Write(state, write);

    public static async Task WriteAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
