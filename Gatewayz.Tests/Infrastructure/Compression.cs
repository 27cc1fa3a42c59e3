using System.IO.Compression;
using System.Text;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>Request bodies compressed as a client sends them with a Content-Encoding.</summary>
public static class Compression
{
    /// <summary><paramref name="text"/> as UTF-8 compressed with gzip, deflate (the zlib format, as HTTP means it) or br.</summary>
    public static byte[] Compress(string encoding, string text)
    {
        using var output = new MemoryStream();
        using (var compressor = Compressor(encoding.ToLowerInvariant(), output))
            compressor.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    /// <summary>A JSON body with its Content-Encoding header set.</summary>
    public static ByteArrayContent EncodedJson(byte[] body, string encoding)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        return content;
    }

    private static Stream Compressor(string encoding, Stream output) => encoding switch
    {
        "gzip" => new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
        "deflate" => new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
        "br" => new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true),
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
    };
}
