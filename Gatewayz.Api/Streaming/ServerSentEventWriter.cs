using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
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

    /// <summary>The comment <c>: keep-alive</c>, valid in any event stream and skipped by every SSE client.</summary>
    public static readonly byte[] KeepAliveComment = ": keep-alive\n\n"u8.ToArray();

    private readonly HttpResponse _response;
    private readonly PipeWriter _pipe;
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _keepAlive;

    // Keep-alive state, set only while WithKeepAlive runs: one timer per stream, rescheduled from the
    // time of the last write, and a gate that lets the timer write only while the loop waits upstream.
    private TimeProvider? _time;
    private TimeSpan _interval;
    private long _lastWrite;
    private SemaphoreSlim? _gate;
    private ITimer? _timer;

    /// <param name="response">The response the stream is written to.</param>
    /// <param name="keepAlive">
    /// The frame written while the client would otherwise hear nothing: <see cref="KeepAliveComment"/> by
    /// default, or the API's own (Anthropic's <c>ping</c> event).
    /// </param>
    public ServerSentEventWriter(HttpResponse response, byte[]? keepAlive = null)
    {
        _response = response;
        _keepAlive = keepAlive ?? KeepAliveComment;
        _pipe = response.BodyWriter;
        _json = new Utf8JsonWriter(_pipe, new JsonWriterOptions { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Sets the status and headers of an event stream; nothing once the response has started.</summary>
    public void Start()
    {
        if (_response.HasStarted) return;
        _response.StatusCode = StatusCodes.Status200OK;
        _response.ContentType = "text/event-stream; charset=utf-8";
        _response.Headers.CacheControl = "no-cache";
        _response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Starts a frame and returns the writer for its JSON data; finish with <see cref="EndEventAsync"/>.</summary>
    public Utf8JsonWriter BeginEvent(string? eventName = null)
    {
        WriteEventName(eventName);
        _pipe.Write(DataPrefix);
        _json.Reset(_pipe);
        return _json;
    }

    /// <summary>
    /// Starts a frame, named <paramref name="eventName"/> if given, whose data the caller writes as bytes (one
    /// line of JSON, such as an upstream's event being relayed); finish with <see cref="EndEventAsync"/>.
    /// </summary>
    public IBufferWriter<byte> BeginData(string? eventName = null)
    {
        WriteEventName(eventName);
        _pipe.Write(DataPrefix);
        return _pipe;
    }

    private void WriteEventName(string? eventName)
    {
        if (eventName is null) return;
        _pipe.Write(EventPrefix);
        // A relayed upstream's event name is any text without a line end.
        System.Text.EncodingExtensions.GetBytes(System.Text.Encoding.UTF8, eventName, _pipe);
        _pipe.Write(LineEnd);
    }

    /// <summary>Ends the frame and sends it (with any frames ended before it).</summary>
    public async ValueTask EndEventAsync(CancellationToken cancellationToken)
    {
        EndEvent();
        await _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the frame without sending it yet: for several frames that leave together, sent by the last <see cref="EndEventAsync"/>.</summary>
    public void EndEvent()
    {
        // Writes what a BeginEvent frame's JSON writer still holds; nothing after BeginData.
        _json.Flush();
        _pipe.Write(FrameEnd);
        Wrote();
    }

    /// <summary>Sends the frames ended so far.</summary>
    public ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken) => _pipe.FlushAsync(cancellationToken);

    /// <summary>Starts the response if it has not started, and sends the keep-alive frame.</summary>
    public async ValueTask WriteKeepAliveAsync(CancellationToken cancellationToken)
    {
        Start();
        _pipe.Write(_keepAlive);
        Wrote();
        await _pipe.FlushAsync(cancellationToken);
    }

    public async ValueTask WriteDoneAsync(CancellationToken cancellationToken)
    {
        _pipe.Write("data: [DONE]\n\n"u8);
        Wrote();
        await _pipe.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Passes <paramref name="source"/> through; whenever the client has heard nothing for
    /// <paramref name="interval"/> while the next item is awaited, writes the comment <c>: keep-alive</c>
    /// (valid SSE for OpenAI's and Anthropic's clients, which ignore it). Call only once the response has
    /// started; a zero interval turns it off. Every write of the caller's loop must happen between items.
    /// </summary>
    public async IAsyncEnumerable<T> WithKeepAlive<T>(IAsyncEnumerable<T> source, TimeSpan interval, TimeProvider time,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            await foreach (var item in source.WithCancellation(cancellationToken))
                yield return item;
            yield break;
        }

        _interval = interval;
        _lastWrite = time.GetTimestamp();
        _time = time;
        // Held by the loop (count 0) except while it awaits the next item.
        using var gate = new SemaphoreSlim(0, 1);
        _gate = gate;
        await using var timer = time.CreateTimer(static state => _ = ((ServerSentEventWriter)state!).KeepAliveAsync(), this, interval, Timeout.InfiniteTimeSpan);
        _timer = timer;
        var items = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                gate.Release();
                bool more;
                try
                {
                    more = await items.MoveNextAsync();
                }
                finally
                {
                    // Waits for a keep-alive being written, so the caller's next write never interleaves with it.
                    await gate.WaitAsync(CancellationToken.None);
                }
                if (!more)
                    yield break;
                yield return items.Current;
            }
        }
        finally
        {
            _timer = null;
            _gate = null;
            await items.DisposeAsync();
        }
    }

    private void Wrote()
    {
        if (_time is { } time)
            Volatile.Write(ref _lastWrite, time.GetTimestamp());
    }

    private async Task KeepAliveAsync()
    {
        if (_gate is not { } gate || _timer is not { } timer || _time is not { } time)
            return;
        try
        {
            var quiet = time.GetElapsedTime(Volatile.Read(ref _lastWrite));
            if (quiet < _interval)
            {
                timer.Change(_interval - quiet, Timeout.InfiniteTimeSpan);
                return;
            }
            // Taken by the loop: it is writing, which is activity of its own.
            if (!gate.Wait(0))
            {
                timer.Change(_interval, Timeout.InfiniteTimeSpan);
                return;
            }
            try
            {
                _pipe.Write(_keepAlive);
                Wrote();
                await _pipe.FlushAsync(_response.HttpContext.RequestAborted);
            }
            finally
            {
                gate.Release();
            }
            timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or OperationCanceledException or IOException or InvalidOperationException)
        {
            // The stream ended or the client went away while the timer fired; nobody is left to keep alive.
        }
    }

    public void Dispose() => _json.Dispose();
}
