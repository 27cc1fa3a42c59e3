using System.Buffers;
using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>
/// A request body parsed in place: a <see cref="JsonDocument"/> over the pooled buffer the body was read
/// into. Both go back to their pools on <see cref="Dispose"/>, so the owner must outlive every use of
/// <see cref="Root"/>; the endpoints tie it to the HTTP request, as every upstream attempt re-writes the body.
/// </summary>
public sealed class RequestJson : IDisposable
{
    private readonly JsonDocument _document;
    private byte[]? _buffer;

    /// <summary>Takes ownership of <paramref name="rentedBuffer"/>, which <paramref name="document"/> was parsed from.</summary>
    public RequestJson(JsonDocument document, byte[] rentedBuffer)
    {
        _document = document;
        _buffer = rentedBuffer;
    }

    public JsonElement Root => _document.RootElement;

    public void Dispose()
    {
        _document.Dispose();
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
