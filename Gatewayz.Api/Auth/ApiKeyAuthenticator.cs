using Gatewayz.Api.Caching;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Api.Auth;

/// <summary>
/// Reads the caller's key from the request and resolves it through the auth cache, or fails in the API's format:
/// 401 for a missing or unknown key, 429 for an address past its budget of failed authentications, 503 when the key
/// store cannot be asked and the key has no recent answer.
/// </summary>
public sealed class ApiKeyAuthenticator(CachingApiKeyStore keys, FailedAuthenticationLimiter failedAuthentications)
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
        var address = request.HttpContext.Connection.RemoteIpAddress;
        if (!keys.TryGetCached(hash, out var identity))
        {
            // Only a lookup costs the database anything: an address that has spent its failed authentications gets none.
            if (failedAuthentications.Refusal(address) is { } refusal)
                throw new GatewayException(refusal);
            try
            {
                identity = await keys.FindAsync(hash, cancellationToken);
            }
            catch (ApiKeyStoreUnavailableException)
            {
                throw new GatewayException(AccountsUnavailable());
            }
        }
        return identity ?? throw new GatewayException(failedAuthentications.Failed(address));
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
