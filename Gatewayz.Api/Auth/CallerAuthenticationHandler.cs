using System.Security.Claims;
using System.Text.Encodings.Web;
using Gatewayz.Api.Accounts;
using Gatewayz.Api.Errors;
using Gatewayz.Api.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Auth;

/// <summary>
/// Authenticates the admin token or an API key (<c>Authorization: Bearer</c>), with the same auth cache, failed
/// authentication budget and outage answers as the model APIs. Every credential presented here is also tried as the
/// admin token, so one that fails spends the address's admin-token budget too, and an address without any left is
/// not compared with the admin token at all: guessing it here is no faster than on the admin API. The principal carries the key's roles
/// (<see cref="ClaimTypes.Role"/>), its user (<see cref="ClaimTypes.NameIdentifier"/>) and its id
/// (<see cref="KeyIdClaim"/>). A refusal is the authenticator's own answer (401, 429 or 503); a caller
/// without the policy's role gets 403 <c>insufficient_role</c>.
/// </summary>
public sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AdminTokenVerifier adminToken, ApiKeyAuthenticator authenticator,
    [FromKeyedServices(FailedAuthenticationLimiter.AdminTokenBudget)] FailedAuthenticationLimiter adminTokenGuesses)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The claim that names the caller's API key (its id, never the key).</summary>
    public const string KeyIdClaim = "gatewayz:key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var address = Context.Connection.RemoteIpAddress;
        var mayBeAdmin = adminTokenGuesses.Refusal(address) is null;
        if (mayBeAdmin && adminToken.Matches(Request))
            return AuthenticateResult.Success(AdminTokenAuthenticationHandler.Ticket(Scheme.Name));
        try
        {
            var identity = await authenticator.AuthenticateAsync(Request, acceptXApiKey: false, Context.RequestAborted);
            Claim[] claims =
            [
                new(ClaimTypes.NameIdentifier, identity.UserId),
                new(KeyIdClaim, identity.KeyId),
                .. identity.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
            ];
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
        }
        catch (GatewayException refusal)
        {
            if (mayBeAdmin && refusal.Error.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status429TooManyRequests
                && Request.Headers.Authorization.Count > 0)
                adminTokenGuesses.Failed(address);
            return AuthenticateResult.Fail(refusal);
        }
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await ErrorResponses.WriteAsync(Context, (result.Failure as GatewayException)?.Error ?? GatewayError.MissingApiKey());
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ErrorResponses.WriteAsync(Context, new GatewayError(StatusCodes.Status403Forbidden, "insufficient_role",
            $"This endpoint needs the admin token or an API key with the '{ApiKeyRoles.Monitoring}' role. "
            + "Any key can read its own usage at /api/monitoring/usage."));
}
