namespace Gatewayz.Api.Auth;

/// <summary>
/// Who is calling: never the key itself, only what it resolves to.
/// <paramref name="Roles"/> are the key's <see cref="ApiKeyRoles"/> (empty for an ordinary key).
/// </summary>
public sealed record ClientIdentity(string KeyId, string UserId, string KeyName, string[] Roles)
{
    /// <summary>Whether the key carries <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Array.IndexOf(Roles, role) >= 0;
}
