using Gatewayz.Api.Caching;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Auth;

/// <summary>
/// Reads the caller's key from the request and resolves it through the auth cache, or fails in the API's format:
/// 401 for a missing or unknown key, 503 when the key store cannot be asked and the key has no recent answer.
/// </summary>
public sealed class ApiKeyAuthenticator(CachingApiKeyStore keys)
{
    /// <summary>Anthropic's key header, accepted on its API besides <c>Authorization: Bearer</c>.</summary>
    public const string XApiKeyHeader = "x-api-key";

    /// <summary>The client the request's key belongs to; throws the <see cref="GatewayException"/> to answer with otherwise.</summary>
    public async ValueTask<ClientIdentity> AuthenticateAsync(HttpRequest request, bool acceptXApiKey, CancellationToken cancellationToken)
    {
        var key = ReadKey(request, acceptXApiKey);
        if (key.IsEmpty)
            throw new GatewayException(GatewayError.MissingApiKey());

        var hash = ApiKeyHash.Of(key);
        if (!keys.TryGetCached(hash, out var identity))
        {
            try
            {
                identity = await keys.FindAsync(hash, cancellationToken);
            }
            catch (ApiKeyStoreUnavailableException)
            {
                throw new GatewayException(AccountsUnavailable());
            }
        }
        return identity ?? throw new GatewayException(GatewayError.InvalidApiKey());
    }

    private static GatewayError AccountsUnavailable() => new(StatusCodes.Status503ServiceUnavailable, "accounts_unavailable",
        "The account database is unreachable, so this API key cannot be checked right now. Retry shortly.", RetryAfter: TimeSpan.FromSeconds(5));

    private static ReadOnlySpan<char> ReadKey(HttpRequest request, bool acceptXApiKey)
    {
        var authorization = request.Headers.Authorization.ToString().AsSpan().Trim();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        if (acceptXApiKey)
            return request.Headers[XApiKeyHeader].ToString().AsSpan().Trim();
        return [];
    }
}
