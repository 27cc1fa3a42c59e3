using Gatewayz.Api.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Gatewayz.Api.Auth;

/// <summary>
/// The admin and monitoring APIs' authentication schemes and policies. They run in ASP.NET Core's authorization
/// middleware, before the endpoint binds its parameters, so a request without the right credentials is refused
/// before its body is read. (The model APIs authenticate inside their handler, in the error format of each API.)
/// </summary>
public static class GatewayAuthorization
{
    /// <summary>The scheme that accepts only <c>Authorization: Bearer {Gatewayz:AdminToken}</c>.</summary>
    public const string AdminTokenScheme = "AdminToken";

    /// <summary>The scheme that accepts the admin token or an API key (<c>Authorization: Bearer</c>).</summary>
    public const string CallerScheme = "Caller";

    /// <summary>The admin API: the admin token.</summary>
    public const string AdminPolicy = "Admin";

    /// <summary>Platform-wide monitoring and analytics: the admin token or a key with <see cref="ApiKeyRoles.Monitoring"/>.</summary>
    public const string MonitoringPolicy = "Monitoring";

    /// <summary>A caller's own data: the admin token or any valid API key.</summary>
    public const string CallerPolicy = "Caller";

    /// <summary>Registers both schemes (neither is a default: each policy names its own) and the three policies.</summary>
    public static IServiceCollection AddGatewayAuthorization(this IServiceCollection services)
    {
        services.AddSingleton<AdminTokenVerifier>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenScheme, null)
            .AddScheme<AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerScheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(AdminTokenScheme).RequireRole(ApiKeyRoles.Admin))
            .AddPolicy(MonitoringPolicy, policy => policy.AddAuthenticationSchemes(CallerScheme).RequireRole(ApiKeyRoles.Admin, ApiKeyRoles.Monitoring))
            .AddPolicy(CallerPolicy, policy => policy.AddAuthenticationSchemes(CallerScheme).RequireAuthenticatedUser());
        return services;
    }
}
