using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace Gatewayz.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// The authenticator, the admin and monitoring APIs' schemes and policies and, unless something else registered one, the configured keys as the key store. The
    /// authenticator needs <c>AddCaching()</c> (its auth cache) and <c>AddRateLimits()</c> (the failed-authentication budget).
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IApiKeyStore, ConfiguredApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        builder.Services.AddGatewayAuthorization();
        // Kestrel answers a header with bytes above 0x7F (obs-text, RFC 9110 §5.5) with a bare 400 before
        // any endpoint runs. In a key header they only mean a wrong key: decoded as Latin-1, which maps every
        // byte to a character, they reach the authenticator and get its 401 in the API's own format.
        builder.Services.Configure<KestrelServerOptions>(options =>
            options.RequestHeaderEncodingSelector = static name => IsKeyHeader(name) ? Encoding.Latin1 : null);
        return builder;
    }

    private static bool IsKeyHeader(string name) =>
        name.Equals(HeaderNames.Authorization, StringComparison.OrdinalIgnoreCase) || name.Equals(ApiKeyAuthenticator.XApiKeyHeader, StringComparison.OrdinalIgnoreCase);
}
