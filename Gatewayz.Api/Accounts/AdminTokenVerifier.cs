using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Accounts;

/// <summary>Checks a request's bearer token against <c>Gatewayz:AdminToken</c> in constant time.</summary>
public sealed class AdminTokenVerifier(IOptions<AccountsOptions> options)
{
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.AdminToken) ? null : Digest(options.Value.AdminToken);

    public bool IsConfigured => _expected is not null;

    public bool Matches(HttpRequest request)
    {
        if (_expected is null) return false;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        // Comparing digests keeps the time independent of both the content and the length of the guess.
        return CryptographicOperations.FixedTimeEquals(Digest(authorization["Bearer ".Length..].Trim()), _expected);
    }

    private static byte[] Digest(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
