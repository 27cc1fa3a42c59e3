using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Auth;

/// <summary>Reads the caller's key from the request and resolves it, or fails with a 401 in the API's format.</summary>
public sealed class ApiKeyAuthenticator(IApiKeyStore store)
{
    /// <summary>Anthropic's key header, accepted on its API besides <c>Authorization: Bearer</c>.</summary>
    public const string XApiKeyHeader = "x-api-key";

    public async ValueTask<ClientIdentity> AuthenticateAsync(HttpRequest request, bool acceptXApiKey, CancellationToken cancellationToken)
    {
        var key = ReadKey(request, acceptXApiKey);
        if (key.IsEmpty)
            throw new GatewayException(GatewayError.MissingApiKey());

        var identity = await store.FindAsync(ApiKeyHash.Of(key), cancellationToken);
        return identity ?? throw new GatewayException(GatewayError.InvalidApiKey());
    }

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
