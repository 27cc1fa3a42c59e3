namespace Gatewayz.Api.Chat;

/// <summary>The id, creation time and model name every response and chunk of one answer repeats.</summary>
public sealed record ResponseIdentity(string Id, long Created, string Model)
{
    private const int RandomHexDigits = 24;

    public static ResponseIdentity Create(string prefix, string model, TimeProvider time) =>
        new(NewId(prefix), time.GetUtcNow().ToUnixTimeSeconds(), model);

    /// <summary>The prefix and the first 24 hex digits of a new GUID, built without an intermediate string.</summary>
    private static string NewId(string prefix)
    {
        Span<char> hex = stackalloc char[32];
        Guid.NewGuid().TryFormat(hex, out _, "N");
        return string.Concat(prefix, hex[..RandomHexDigits]);
    }
}
