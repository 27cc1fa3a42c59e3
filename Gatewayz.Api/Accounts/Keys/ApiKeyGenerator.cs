using System.Security.Cryptography;

namespace Gatewayz.Api.Accounts.Keys;

/// <summary>New keys: <c>gwz-</c> and 32 random bytes in URL-safe base64 (256 bits of entropy).</summary>
public static class ApiKeyGenerator
{
    public const string Prefix = "gwz-";

    public static string NewKey() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
