using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Http;

/// <summary>
/// A read-only decompressing request body that reports corrupt input as a <see cref="GatewayException"/>
/// (400 in the API's format).
/// </summary>
public sealed class CompressedBodyStream(Stream decoder, string encoding) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (Exception exception) when (IsCorruptInput(exception))
        {
            throw Corrupt();
        }
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await decoder.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception exception) when (IsCorruptInput(exception))
        {
            throw Corrupt();
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => decoder.DisposeAsync();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            decoder.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>
    /// GZip and deflate decoders report invalid data with <see cref="InvalidDataException"/>; Brotli's
    /// decoder uses <see cref="InvalidOperationException"/> for it.
    /// </summary>
    private bool IsCorruptInput(Exception exception) =>
        exception is InvalidDataException || (exception is InvalidOperationException && decoder is System.IO.Compression.BrotliStream);

    private GatewayException Corrupt() => new(GatewayError.CorruptCompressedBody(encoding));
}
