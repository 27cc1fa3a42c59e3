using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Gatewayz.Api.Providers.Simulation;

/// <summary>
/// The smallest PNG encoder that makes files every decoder reads (PNG specification, ISO/IEC 15948): 8-bit RGB,
/// no interlacing, every scanline with filter type 0, the pixels in one zlib-compressed <c>IDAT</c> chunk, each
/// chunk closed by its CRC-32.
/// </summary>
public static class PngWriter
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A PNG file of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="rgb">The pixels row by row from the top, left to right, three bytes each (red, green, blue): width × height × 3 bytes.</param>
    public static byte[] Write(int width, int height, ReadOnlySpan<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var stride = width * 3;
        ArgumentOutOfRangeException.ThrowIfNotEqual(rgb.Length, stride * height, nameof(rgb));

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per sample
        header[9] = 2;  // colour type: truecolour (RGB)
        header[10] = 0; // compression: deflate, the only one
        header[11] = 0; // filter method: adaptive, the only one
        header[12] = 0; // no interlacing
        WriteChunk(file, "IHDR"u8, header);

        using (var pixels = new MemoryStream())
        {
            using (var zlib = new ZLibStream(pixels, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                for (var row = 0; row < height; row++)
                {
                    zlib.WriteByte(0); // filter type None: the row's bytes as they are
                    zlib.Write(rgb.Slice(row * stride, stride));
                }
            }
            WriteChunk(file, "IDAT"u8, pixels.GetBuffer().AsSpan(0, (int)pixels.Length));
        }

        WriteChunk(file, "IEND"u8, []);
        return file.ToArray();
    }

    /// <summary>Length (big-endian), type, data, and the CRC-32 of type and data.</summary>
    private static void WriteChunk(Stream file, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        file.Write(type);
        file.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc.GetCurrentHashAsUInt32());
        file.Write(number);
    }
}
