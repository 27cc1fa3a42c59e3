using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gatewayz.Api.Auth;

/// <summary>
/// The SHA-256 of an API key: the only form in which keys are stored or compared. The digest is held as
/// four 64-bit words, so hashing a presented key and looking it up allocates nothing; the lowercase hex
/// form (<see cref="Hex"/>, as stored in the database) is made only when it is asked for.
/// </summary>
public readonly record struct ApiKeyHash
{
    private readonly ulong _word0;
    private readonly ulong _word1;
    private readonly ulong _word2;
    private readonly ulong _word3;

    private ApiKeyHash(ReadOnlySpan<byte> digest)
    {
        _word0 = BinaryPrimitives.ReadUInt64BigEndian(digest);
        _word1 = BinaryPrimitives.ReadUInt64BigEndian(digest[8..]);
        _word2 = BinaryPrimitives.ReadUInt64BigEndian(digest[16..]);
        _word3 = BinaryPrimitives.ReadUInt64BigEndian(digest[24..]);
    }

    public static ApiKeyHash Of(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 512))];
        var written = Encoding.UTF8.GetBytes(key[..Math.Min(key.Length, 512)], utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], digest);
        return new ApiKeyHash(digest);
    }

    /// <summary>A hash in the hex form the database stores.</summary>
    public static ApiKeyHash FromHex(string hex)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (hex.Length != SHA256.HashSizeInBytes * 2 || Convert.FromHexString(hex, digest, out _, out _) != OperationStatus.Done)
            throw new FormatException("An API key hash is 64 hex digits.");
        return new ApiKeyHash(digest);
    }

    public string Hex
    {
        get
        {
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            BinaryPrimitives.WriteUInt64BigEndian(digest, _word0);
            BinaryPrimitives.WriteUInt64BigEndian(digest[8..], _word1);
            BinaryPrimitives.WriteUInt64BigEndian(digest[16..], _word2);
            BinaryPrimitives.WriteUInt64BigEndian(digest[24..], _word3);
            return Convert.ToHexStringLower(digest);
        }
    }

    /// <summary>A short, non-reversible identifier for logs and admin views.</summary>
    public string ShortId => Hex[..12];
}
