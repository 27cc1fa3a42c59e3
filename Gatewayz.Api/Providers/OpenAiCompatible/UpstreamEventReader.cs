using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Reads the <c>data:</c> payloads of an upstream's <c>text/event-stream</c> as UTF-8 bytes from a pipe,
/// so that no line or payload string is allocated per chunk. Lines end with LF, CR or CRLF; other
/// fields (<c>event:</c>, comments, blank lines) are skipped, but a non-blank line that yields no output
/// (a keep-alive comment such as OpenRouter's <c>: PROCESSING</c>, or an event with only a role) is
/// reported to <paramref name="onActivity"/>: the upstream is alive and working, so its idle and
/// first-chunk timers must start again.
/// </summary>
internal sealed class UpstreamEventReader(Stream stream, string provider, UpstreamRedactor redactor, Action? onActivity = null) : IAsyncDisposable
{
    private readonly PipeReader _pipe = PipeReader.Create(stream);

    /// <summary>Whether a choice said why the answer finished; an answer that never did may be cut short.</summary>
    private bool _finished;

    /// <summary>
    /// The next event's chunk, or null at <c>[DONE]</c>. An event that reports a failure,
    /// and a stream that ends (by <c>[DONE]</c> or by closing) before any finish reason, throw.
    /// </summary>
    public async ValueTask<ChatChunk?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var taken = TakeEvent(ref buffer, result.IsCompleted, out var chunk);
            if (taken != Taken.Nothing)
            {
                _pipe.AdvanceTo(buffer.Start);
                return taken == Taken.Chunk ? chunk : null;
            }
            _pipe.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
                throw new UpstreamException(UpstreamFailureKind.Connection, $"{provider} closed the stream before [DONE].");
        }
    }

    private enum Taken { Nothing, Chunk, Done }

    private Taken TakeEvent(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ChatChunk chunk)
    {
        chunk = default;
        while (TryTakeLine(ref buffer, isCompleted, out var line))
        {
            var span = line.IsSingleSegment ? line.FirstSpan : line.ToArray();
            if (!span.StartsWith("data:"u8))
            {
                // Blank lines end every event and say nothing new; only a line of its own is activity.
                if (!span.IsEmpty)
                    onActivity?.Invoke();
                continue;
            }
            var payload = span[5..];
            payload = payload[Ascii.Trim(payload)];
            if (payload.SequenceEqual("[DONE]"u8))
                return _finished ? Taken.Done : throw InBandFailures.NoFinishReason(provider);
            // Copied out of the pipe's buffer, which is reused once the reader moves on: the chunk is relayed later.
            chunk = OpenAiResponseReader.ReadChunk(payload.ToArray(), provider, redactor);
            _finished |= chunk.FinishReason is not null || chunk.OtherChoiceFinished;
            if (chunk.CarriesNothing)
                onActivity?.Invoke();
            return Taken.Chunk;
        }
        return Taken.Nothing;
    }

    /// <summary>A complete line, or at the end of the stream whatever is left (as a line reader would).</summary>
    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, bool isCompleted, out ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (reader.TryReadToAny(out line, "\r\n"u8, advancePastDelimiter: true))
        {
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
