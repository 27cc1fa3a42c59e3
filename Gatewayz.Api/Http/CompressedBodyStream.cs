using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Http;

/// <summary>
/// A read-only decompressing request body that reports corrupt input as a <see cref="GatewayException"/>
/// (400 in the API's format).
/// </summary>
public sealed class CompressedBodyStream(Stream decoder, string encoding) : ReadOnlyBodyStream(decoder)
{
    /// <summary>
    /// GZip and deflate decoders report invalid data with <see cref="InvalidDataException"/>; Brotli's
    /// decoder uses <see cref="InvalidOperationException"/> for it.
    /// </summary>
    protected override Exception? Translate(Exception exception) =>
        exception is InvalidDataException || (exception is InvalidOperationException && Inner is System.IO.Compression.BrotliStream)
            ? new GatewayException(GatewayError.CorruptCompressedBody(encoding))
            : null;

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => Inner.DisposeAsync();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Inner.Dispose();
        base.Dispose(disposing);
    }
}
