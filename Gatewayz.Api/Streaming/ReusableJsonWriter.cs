using System.Buffers;
using System.Text.Json;

namespace Gatewayz.Api.Streaming;

/// <summary>
/// Writes JSON bodies into exactly-sized arrays through a buffer and <see cref="Utf8JsonWriter"/> reused
/// per thread, so a body costs one allocation instead of a growing buffer, its copies and a writer.
/// Writing is synchronous, so a thread's buffer is never shared.
/// </summary>
public sealed class ReusableJsonWriter(JsonWriterOptions options)
{
    /// <summary>A buffer that grew past this (a huge body) is dropped rather than kept by the thread.</summary>
    private const int KeptCapacity = 64 * 1024;

    private readonly ThreadLocal<PerThread> _perThread = new(() => new PerThread(options));

    public byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write) =>
        Write(state, write, static json => json.ToArray());

    /// <summary>Hands the written JSON to <paramref name="read"/>, which must not keep the span: the buffer is reused.</summary>
    public TResult Write<TState, TResult>(TState state, Action<Utf8JsonWriter, TState> write, Func<ReadOnlySpan<byte>, TResult> read)
    {
        var reused = _perThread.Value!;
        try
        {
            reused.Writer.Reset(reused.Buffer);
            write(reused.Writer, state);
            reused.Writer.Flush();
            return read(reused.Buffer.WrittenSpan);
        }
        finally
        {
            if (reused.Buffer.Capacity > KeptCapacity)
                _perThread.Value = new PerThread(options);
            else
                reused.Buffer.ResetWrittenCount();
        }
    }

    private sealed class PerThread(JsonWriterOptions options)
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(4096);
        public Utf8JsonWriter Writer { get; } = new(Stream.Null, options);
    }
}
