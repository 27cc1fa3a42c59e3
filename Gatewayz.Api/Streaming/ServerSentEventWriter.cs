using System.Buffers;
using System.IO.Pipelines;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Streaming;

/// <summary>Writes <c>text/event-stream</c> frames whose data is JSON written straight into the response pipe.</summary>
public sealed class ServerSentEventWriter : IDisposable
{
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] FrameEnd = "\n\n"u8.ToArray();
    private static readonly byte[] LineEnd = "\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;

    public ServerSentEventWriter(HttpResponse response)
    {
        _response = response;
        _pipe = response.BodyWriter;
        _json = new Utf8JsonWriter(_pipe, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Start()
    {
        _response.StatusCode = StatusCodes.Status200OK;
        _response.ContentType = "text/event-stream; charset=utf-8";
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Starts a frame and returns the writer for its JSON data; finish with <see cref="EndEventAsync"/>.</summary>
    public Utf8JsonWriter BeginEvent(string? eventName = null)
    {
        if (eventName is not null)
        {
            _pipe.Write(EventPrefix);
            WriteAscii(eventName);
            _pipe.Write(LineEnd);
        }
        _pipe.Write(DataPrefix);
        _json.Reset(_pipe);
        return _json;
    }

    public async ValueTask EndEventAsync(CancellationToken cancellationToken)
    {
        _json.Flush();
        _pipe.Write(FrameEnd);
        await _pipe.FlushAsync(cancellationToken);
    }

    public async ValueTask WriteDoneAsync(CancellationToken cancellationToken)
    {
        _pipe.Write("data: [DONE]\n\n"u8);
        await _pipe.FlushAsync(cancellationToken);
    }

    private void WriteAscii(string text)
    {
        var span = _pipe.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++) span[i] = (byte)text[i];
        _pipe.Advance(text.Length);
    }

    public void Dispose() => _json.Dispose();
}
