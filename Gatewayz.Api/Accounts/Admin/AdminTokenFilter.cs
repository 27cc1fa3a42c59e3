using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Accounts.Admin;

/// <summary>Lets a request through only with <c>Authorization: Bearer {Gatewayz:AdminToken}</c>.</summary>
public sealed class AdminTokenFilter(AdminTokenVerifier verifier) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        verifier.Matches(context.HttpContext.Request)
            ? next(context)
            : throw new GatewayException(new GatewayError(StatusCodes.Status401Unauthorized, "invalid_admin_token", "The admin API needs 'Authorization: Bearer <admin token>'."));
}
