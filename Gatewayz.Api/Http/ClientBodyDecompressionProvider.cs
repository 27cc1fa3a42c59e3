using Microsoft.AspNetCore.RequestDecompression;

namespace Gatewayz.Api.Http;

/// <summary>
/// Wraps one of ASP.NET Core's decompression providers so that a body which is not valid data in its
/// declared encoding is the client's error (400), not an unhandled decoder exception (500).
/// </summary>
public sealed class ClientBodyDecompressionProvider(string encoding, IDecompressionProvider inner) : IDecompressionProvider
{
    /// <inheritdoc />
    public Stream GetDecompressionStream(Stream stream) => new CompressedBodyStream(inner.GetDecompressionStream(stream), encoding);
}
