using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Gatewayz.Tests.Images;

/// <summary>
/// A tiny PNG reader for what the simulators write (8-bit RGB, filter type 0 on every row): it checks the signature
/// and every chunk's CRC-32, and decompresses the pixels, so a file it accepts is one any decoder would read.
/// </summary>
public sealed record PngFile(int Width, int Height, byte[] Rgb)
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public (byte R, byte G, byte B) Pixel(int x, int y)
    {
        var at = (y * Width + x) * 3;
        return (Rgb[at], Rgb[at + 1], Rgb[at + 2]);
    }

    public static PngFile Decode(byte[] file)
    {
        file.AsSpan(0, 8).ToArray().ShouldBe(Signature, "the PNG signature");
        int width = 0, height = 0;
        using var compressed = new MemoryStream();
        var position = 8;
        var sawEnd = false;
        while (!sawEnd)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            var type = Encoding.ASCII.GetString(file, position + 4, 4);
            var data = file.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position + 8 + length));
            Crc32.HashToUInt32(file.AsSpan(position + 4, 4 + length)).ShouldBe(crc, $"the CRC of {type}");
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    data[8..13].ToArray().ShouldBe(new byte[] { 8, 2, 0, 0, 0 }, "8-bit RGB, deflate, no interlacing");
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }
            position += 12 + length;
        }
        position.ShouldBe(file.Length, "nothing after IEND");
        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        var rows = inflated.ToArray();
        rows.Length.ShouldBe(height * (1 + width * 3));
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            rows[y * (1 + width * 3)].ShouldBe((byte)0, "filter type None");
            Array.Copy(rows, y * (1 + width * 3) + 1, rgb, y * width * 3, width * 3);
        }
        return new PngFile(width, height, rgb);
    }
}
