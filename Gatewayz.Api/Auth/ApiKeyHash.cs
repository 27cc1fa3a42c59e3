using System.Security.Cryptography;
using System.Text;

namespace Gatewayz.Api.Auth;

/// <summary>The SHA-256 of an API key, in lowercase hex: the only form in which keys are stored or compared.</summary>
public readonly record struct ApiKeyHash(string Hex)
{
    public static ApiKeyHash Of(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 512))];
        var written = Encoding.UTF8.GetBytes(key[..Math.Min(key.Length, 512)], utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..written], digest);
        return new ApiKeyHash(Convert.ToHexStringLower(digest));
    }

    /// <summary>A short, non-reversible identifier for logs and admin views.</summary>
    public string ShortId => Hex[..12];
}
