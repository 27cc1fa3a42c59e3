using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatewayz.Api.Auth;

public static class AuthServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<IApiKeyStore, ConfiguredApiKeyStore>();
        builder.Services.AddSingleton<ApiKeyAuthenticator>();
        return builder;
    }
}
