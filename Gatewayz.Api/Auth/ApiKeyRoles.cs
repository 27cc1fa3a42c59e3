namespace Gatewayz.Api.Auth;

/// <summary>
/// What an API key may do besides calling models, stored with the key (<c>api_keys.roles</c>, or
/// <c>Gatewayz:ApiKeys:N:Roles</c> for configured keys) and set through the admin API.
/// </summary>
public static class ApiKeyRoles
{
    /// <summary>
    /// Reads the platform-wide monitoring and analytics API (<c>/api/monitoring/*</c>): every provider's health
    /// and errors and every customer's traffic, spend and trial funnel. Without it a key sees only its own usage.
    /// </summary>
    public const string Monitoring = "monitoring";

    /// <summary>The role the admin token carries (never stored with a key).</summary>
    public const string Admin = "admin";

    /// <summary>Every role a key may be given, in the order the admin API lists them.</summary>
    public static readonly IReadOnlyList<string> Assignable = [Monitoring];
}
