using System.Buffers.Binary;

namespace Gatewayz.Api.Chat;

/// <summary>
/// Reads an image's width and height in pixels from the header of its base64 data, without decoding the image:
/// only the few bytes a header needs are decoded, found by their position (byte <c>k</c> of the data is in the four
/// characters from <c>4 × (k / 3)</c>). PNG (<c>IHDR</c>), GIF (logical screen), WebP (<c>VP8</c>, <c>VP8L</c>,
/// <c>VP8X</c>) and JPEG (the first start-of-frame segment, reached by skipping the segments before it by their
/// lengths). Anything else — another format, a damaged header, base64 with line breaks — is not read.
/// </summary>
public static class ImageDimensions
{
    /// <summary>How many JPEG segments are skipped looking for the frame header before giving up.</summary>
    private const int MaxJpegSegments = 64;

    /// <summary>The width and height of the image whose base64 data is <paramref name="base64"/>; false when they cannot be read.</summary>
    public static bool TryRead(ReadOnlySpan<char> base64, out int width, out int height)
    {
        width = height = 0;
        Span<byte> header = stackalloc byte[30];
        if (!TryDecode(base64, 0, header[..12]))
            return false;
        if (header[..8].SequenceEqual(Png))
            return TryDecode(base64, 16, header[..8]) && Positive(BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header[4..]), out width, out height);
        if (header[..6].SequenceEqual("GIF87a"u8) || header[..6].SequenceEqual("GIF89a"u8))
            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(header[6..]), BinaryPrimitives.ReadUInt16LittleEndian(header[8..]), out width, out height);
        if (header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
            return WebP(base64, header, out width, out height);
        if (header[0] == 0xFF && header[1] == 0xD8)
            return Jpeg(base64, out width, out height);
        return false;
    }

    /// <summary>PNG's signature; the <c>IHDR</c> chunk follows it, its width and height from byte 16.</summary>
    private static ReadOnlySpan<byte> Png => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>WebP's first chunk: lossy <c>VP8 </c> (14-bit sizes after the key frame's start code), lossless <c>VP8L</c> (14-bit sizes less one), extended <c>VP8X</c> (24-bit canvas sizes less one).</summary>
    private static bool WebP(ReadOnlySpan<char> base64, Span<byte> header, out int width, out int height)
    {
        width = height = 0;
        if (!TryDecode(base64, 12, header[12..16]))
            return false;
        var chunk = header[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
            return TryDecode(base64, 16, header[16..30]) && header[23] == 0x9D && header[24] == 0x01 && header[25] == 0x2A
                && Positive(BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) & 0x3FFF, out width, out height);
        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (!TryDecode(base64, 16, header[16..25]) || header[20] != 0x2F)
                return false;
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(header[21..]);
            return Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1, out width, out height);
        }
        return chunk.SequenceEqual("VP8X"u8) && TryDecode(base64, 16, header[16..30])
            && Positive((header[24] | header[25] << 8 | header[26] << 16) + 1, (header[27] | header[28] << 8 | header[29] << 16) + 1, out width, out height);
    }

    /// <summary>
    /// The frame header of a JPEG: segments from byte 2 on, each <c>FF</c>, a marker and (but for the stand-alone
    /// markers) a big-endian length that counts itself; a start-of-frame (<c>C0</c>–<c>CF</c> but <c>C4</c>, <c>C8</c>,
    /// <c>CC</c>) holds the precision, then the height and the width.
    /// </summary>
    private static bool Jpeg(ReadOnlySpan<char> base64, out int width, out int height)
    {
        width = height = 0;
        Span<byte> segment = stackalloc byte[9];
        var at = 2;
        for (var i = 0; i < MaxJpegSegments; i++)
        {
            if (!TryDecode(base64, at, segment[..2]) || segment[0] != 0xFF)
                return false;
            var marker = segment[1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                at += 2;
                continue;
            }
            if (!TryDecode(base64, at, segment))
                return false;
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
                return Positive(BinaryPrimitives.ReadUInt16BigEndian(segment[7..]), BinaryPrimitives.ReadUInt16BigEndian(segment[5..]), out width, out height);
            if (marker is 0xD9 or 0xDA)
                return false; // end of image, or the scan began before any frame header
            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(segment[2..]);
        }
        return false;
    }

    /// <summary>Decodes bytes <paramref name="offset"/> to <paramref name="offset"/> + the destination's length of the data.</summary>
    private static bool TryDecode(ReadOnlySpan<char> base64, int offset, Span<byte> destination)
    {
        var firstQuartet = offset / 3;
        var lastQuartet = (offset + destination.Length + 2) / 3;
        var start = firstQuartet * 4;
        var end = lastQuartet * 4;
        if (end > base64.Length)
            return false;
        Span<byte> decoded = stackalloc byte[(lastQuartet - firstQuartet) * 3];
        if (!Convert.TryFromBase64Chars(base64[start..end], decoded, out var written) || written < offset - firstQuartet * 3 + destination.Length)
            return false;
        decoded.Slice(offset - firstQuartet * 3, destination.Length).CopyTo(destination);
        return true;
    }

    private static bool Positive(int w, int h, out int width, out int height)
    {
        (width, height) = (w, h);
        return w > 0 && h > 0;
    }
}
