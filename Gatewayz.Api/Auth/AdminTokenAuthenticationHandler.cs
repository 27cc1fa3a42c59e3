using System.Security.Claims;
using System.Text.Encodings.Web;
using Gatewayz.Api.Accounts;
using Gatewayz.Api.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Auth;

/// <summary>
/// Authenticates the admin token and nothing else: any other credential is no credential, so no key is
/// ever looked up for the admin API. Refusals are 401 <c>invalid_admin_token</c> in the gateway's error format.
/// </summary>
public sealed class AdminTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminTokenVerifier verifier)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(verifier.Matches(Request) ? AuthenticateResult.Success(Ticket(Scheme.Name)) : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, new GatewayError(StatusCodes.Status401Unauthorized, "invalid_admin_token",
            "The admin API needs 'Authorization: Bearer <admin token>'."));

    /// <summary>The ticket of a caller holding the admin token: the <see cref="ApiKeyRoles.Admin"/> role, no user.</summary>
    public static AuthenticationTicket Ticket(string scheme) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, ApiKeyRoles.Admin)], scheme)), scheme);
}
