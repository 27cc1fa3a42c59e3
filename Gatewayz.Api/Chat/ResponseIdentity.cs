using System.Text.Encodings.Web;
using System.Text.Json;

namespace Gatewayz.Api.Chat;

/// <summary>The id, creation time and model name every response and chunk of one answer repeats.</summary>
public sealed record ResponseIdentity(string Id, long Created, string Model)
{
    private const int RandomHexDigits = 24;

    private byte[]? _idJson;
    private byte[]? _modelJson;

    /// <summary><see cref="Id"/> as a JSON string value (quoted, escaped), written into relayed answers.</summary>
    public ReadOnlySpan<byte> IdJson => _idJson ??= JsonString(Id);

    /// <summary><see cref="Model"/> as a JSON string value (quoted, escaped), written into relayed answers.</summary>
    public ReadOnlySpan<byte> ModelJson => _modelJson ??= JsonString(Model);

    public static ResponseIdentity Create(string prefix, string model, TimeProvider time) =>
        new(NewId(prefix), time.GetUtcNow().ToUnixTimeSeconds(), model);

    private static byte[] JsonString(string value)
    {
        var encoded = JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
        var json = new byte[encoded.Length + 2];
        json[0] = json[^1] = (byte)'"';
        encoded.CopyTo(json.AsSpan(1));
        return json;
    }

    /// <summary>The prefix and the first 24 hex digits of a new GUID, built without an intermediate string.</summary>
    private static string NewId(string prefix)
    {
        Span<char> hex = stackalloc char[32];
        Guid.NewGuid().TryFormat(hex, out _, "N");
        return string.Concat(prefix, hex[..RandomHexDigits]);
    }
}
