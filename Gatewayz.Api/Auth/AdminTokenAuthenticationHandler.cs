using System.Security.Claims;
using System.Text.Encodings.Web;
using Gatewayz.Api.Accounts;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gatewayz.Api.Auth;

/// <summary>
/// Authenticates the admin token and nothing else: no API key is ever looked up for the admin API. A wrong token
/// spends one of the client address's failed admin authentications (a budget apart from wrong API keys', of the same
/// size), and an address with none left is refused before its token is compared (429), so the token cannot be guessed
/// faster than that budget. Other refusals are 401
/// <c>invalid_admin_token</c>, in the gateway's error format.
/// </summary>
public sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AdminTokenVerifier verifier, [FromKeyedServices(FailedAuthenticationLimiter.AdminTokenBudget)] FailedAuthenticationLimiter failedAuthentications)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[HeaderNames.Authorization].Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var address = Context.Connection.RemoteIpAddress;
        if (failedAuthentications.Refusal(address) is { } refusal)
            return Task.FromResult(AuthenticateResult.Fail(new GatewayException(refusal)));
        if (verifier.Matches(Request))
            return Task.FromResult(AuthenticateResult.Success(Ticket(Scheme.Name)));
        var failed = failedAuthentications.Failed(address);
        return Task.FromResult(failed.Status == StatusCodes.Status429TooManyRequests
            ? AuthenticateResult.Fail(new GatewayException(failed))
            : AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ErrorResponses.WriteAsync(Context, (result.Failure as GatewayException)?.Error
            ?? new GatewayError(StatusCodes.Status401Unauthorized, "invalid_admin_token", "The admin API needs 'Authorization: Bearer <admin token>'."));
    }

    /// <summary>The ticket of a caller holding the admin token: the <see cref="ApiKeyRoles.Admin"/> role, no user.</summary>
    public static AuthenticationTicket Ticket(string scheme) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, ApiKeyRoles.Admin)], scheme)), scheme);
}
