using Gatewayz.Api.Accounts;
using Gatewayz.Api.Auth;

namespace Gatewayz.Api.Monitoring;

/// <summary>The monitoring API accepts the admin token or any valid API key (seed 003: "an API key or admin token").</summary>
public sealed class MonitoringAuthFilter(AdminTokenVerifier adminToken, ApiKeyAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!adminToken.Matches(request))
            await authenticator.AuthenticateAsync(request, acceptXApiKey: false, context.HttpContext.RequestAborted);
        return await next(context);
    }
}
