using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers;

/// <summary>
/// Reads the events of an upstream's <c>text/event-stream</c> as UTF-8 bytes from a pipe, so that no
/// line or payload string is allocated per chunk. Lines end with LF, CR or CRLF; a line that yields no output
/// (a keep-alive comment such as OpenRouter's <c>: PROCESSING</c>, or an event with only a role) is
/// reported to <paramref name="onActivity"/>: the upstream is alive and working, so its idle and
/// first-chunk timers must start again. What the events mean is the wire format's
/// (<typeparamref name="TDecoder"/>, one per stream).
/// </summary>
public sealed class UpstreamEventReader<TDecoder>(Stream stream, TDecoder decoder, Action? onActivity = null) : IAsyncDisposable
    where TDecoder : struct, IUpstreamEventDecoder
{
    private readonly PipeReader _pipe = PipeReader.Create(stream);

    // A mutable field, so the decoder's state lives on between events.
    private TDecoder _decoder = decoder;

    // The event being read: its data lines so far, and its name.
    private byte[]? _data;
    private string? _event;

    private bool _atStart = true;

    /// <summary>The last line ended with CR at the end of a read: an LF first in the next read belongs to it.</summary>
    private bool _skipLineFeed;

    /// <summary>
    /// The next event's chunk, or null at the end: the format's end marker, an answer the decoder found
    /// complete, or the stream closing where the decoder allows it. An event that reports a failure, and a
    /// stream that closes too early, throw.
    /// </summary>
    public async ValueTask<ChatChunk?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_decoder.Complete)
                return null;
            var result = await _pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var taken = TakeEvent(ref buffer, result.IsCompleted, out var chunk);
            if (taken != UpstreamEvent.Nothing)
            {
                _pipe.AdvanceTo(buffer.Start);
                return taken == UpstreamEvent.Chunk ? chunk : null;
            }
            _pipe.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                return _decoder.ClosedEarly() is { } cutShort ? throw cutShort : null;
        }
    }

    /// <summary>
    /// Reads lines until an event is complete, as the SSE specification says: <c>data:</c> lines gather
    /// (joined with a line feed when an event has several), <c>event:</c> names the event, a line
    /// starting with <c>:</c> is a comment, and a blank line — or the end of the stream — dispatches the
    /// event; an event without data is nothing.
    /// </summary>
    private UpstreamEvent TakeEvent(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ChatChunk chunk)
    {
        chunk = default;
        while (TryTakeLine(ref buffer, isCompleted, out var line))
        {
            var span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
            if (_atStart)
            {
                // A byte order mark may precede the first line (the specification strips one).
                _atStart = false;
                if (span.StartsWith(ByteOrderMark)) span = span[ByteOrderMark.Length..];
            }
            if (!span.IsEmpty)
            {
                Field(span);
                continue;
            }
            if (TryDispatch(out chunk) is var taken and not UpstreamEvent.Nothing)
                return taken;
        }
        return isCompleted && buffer.IsEmpty ? TryDispatch(out chunk) : UpstreamEvent.Nothing;
    }

    private static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private void Field(ReadOnlySpan<byte> line)
    {
        if (line.StartsWith("data:"u8))
        {
            var value = line[5..];
            if (value.StartsWith(" "u8)) value = value[1..];
            // Copied out of the pipe's buffer, which is reused once the reader moves on: the chunk is relayed later.
            _data = _data is null ? value.ToArray() : [.. _data, (byte)'\n', .. value];
            return;
        }
        if (line.StartsWith("event:"u8))
            _event = _decoder.EventName(line[6..].Trim(" "u8));
        // A comment (OpenRouter's ": PROCESSING"), an event name, id or retry: the upstream is alive.
        onActivity?.Invoke();
    }

    private UpstreamEvent TryDispatch(out ChatChunk chunk)
    {
        chunk = default;
        var data = _data;
        var eventName = _event;
        _data = null;
        _event = null;
        if (data is null || Ascii.Trim(data).GetOffsetAndLength(data.Length).Length == 0)
            return UpstreamEvent.Nothing;
        var taken = _decoder.Decode(data, eventName, out chunk);
        if (taken == UpstreamEvent.Chunk && chunk.CarriesNothing)
            onActivity?.Invoke();
        return taken;
    }

    /// <summary>
    /// A complete line, or at the end of the stream whatever is left (as a line reader would). Lines end
    /// with LF, CR or CRLF; a CRLF split between two reads is still one line end.
    /// </summary>
    private bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (_skipLineFeed)
        {
            if (reader.IsNext((byte)'\n', advancePast: true))
            {
                buffer = buffer.Slice(reader.Position);
                _skipLineFeed = false;
            }
            else if (!reader.End || isCompleted)
                _skipLineFeed = false;
        }
        if (reader.TryReadToAny(out line, "\r\n"u8, advancePastDelimiter: false))
        {
            reader.TryRead(out var delimiter);
            if (delimiter == '\r' && !reader.IsNext((byte)'\n', advancePast: true) && reader.End && !isCompleted)
                _skipLineFeed = true;
            buffer = buffer.Slice(reader.Position);
            return true;
        }
        if (isCompleted && !buffer.IsEmpty)
        {
            line = buffer;
            buffer = buffer.Slice(buffer.End);
            return true;
        }
        return false;
    }

    public ValueTask DisposeAsync() => _pipe.CompleteAsync();
}
