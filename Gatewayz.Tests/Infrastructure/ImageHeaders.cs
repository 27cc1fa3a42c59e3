using System.Buffers.Binary;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// The leading bytes of images of a given size, base64-encoded, as each format's specification lays them out: as
/// far as the header that states the size (and, for JPEG, past a large metadata segment first), which is all the
/// gateway reads of an image; nothing in a test decodes the pixels.
/// </summary>
public static class ImageHeaders
{
    /// <summary>PNG: the signature, then the <c>IHDR</c> chunk (8-bit grayscale) with its CRC.</summary>
    public static string Png(int width, int height)
    {
        var bytes = new byte[8 + 25];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        bytes[24] = 8; // bit depth; colour type 0, compression, filter and interlace 0
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>GIF89a: the header and logical screen descriptor with a two-colour table, and a 1×1 image in it.</summary>
    public static string Gif(int width, int height)
    {
        byte[] bytes = [.. "GIF89a"u8, 0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)height);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>JPEG: SOI, a JFIF <c>APP0</c>, an <c>APP1</c> of <paramref name="metadataBytes"/> (as EXIF data is), then the baseline frame header.</summary>
    public static string Jpeg(int width, int height, int metadataBytes = 20_000)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0 };
        bytes.AddRange([0xFF, 0xE1, (byte)((metadataBytes + 2) >> 8), (byte)(metadataBytes + 2)]);
        bytes.AddRange(new byte[metadataBytes]);
        bytes.AddRange([0xFF, 0xC0, 0, 11, 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 1, 1, 0x11, 0]);
        return Convert.ToBase64String([.. bytes]);
    }

    /// <summary>WebP, extended format: the RIFF header and a <c>VP8X</c> chunk with the canvas size.</summary>
    public static string WebPExtended(int width, int height)
    {
        var bytes = WebPHeader("VP8X"u8, 10);
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>WebP, lossless: a <c>VP8L</c> chunk, its signature byte and the 14-bit sizes less one.</summary>
    public static string WebPLossless(int width, int height)
    {
        var bytes = WebPHeader("VP8L"u8, 5);
        bytes[20] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), (uint)(width - 1) | (uint)(height - 1) << 14);
        return Convert.ToBase64String(bytes);
    }

    /// <summary>WebP, lossy: a <c>VP8 </c> chunk, a key frame's tag and start code, and the 14-bit sizes.</summary>
    public static string WebPLossy(int width, int height)
    {
        var bytes = WebPHeader("VP8 "u8, 10);
        new byte[] { 0x9D, 0x01, 0x2A }.CopyTo(bytes, 23);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)height);
        return Convert.ToBase64String(bytes);
    }

    private static byte[] WebPHeader(ReadOnlySpan<byte> chunk, int chunkBytes)
    {
        var bytes = new byte[20 + chunkBytes];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        chunk.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), (uint)chunkBytes);
        return bytes;
    }

    private static void WriteUInt24(Span<byte> at, int value) => (at[0], at[1], at[2]) = ((byte)value, (byte)(value >> 8), (byte)(value >> 16));

    /// <summary>PNG's CRC-32 (ISO 3309, polynomial 0xEDB88320), over a chunk's type and data.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? crc >> 1 ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
