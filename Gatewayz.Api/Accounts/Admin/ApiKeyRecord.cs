namespace Gatewayz.Api.Accounts.Admin;

/// <summary>
/// A key as the admin API shows it: its <see cref="Auth.ApiKeyRoles"/> in <paramref name="Roles"/>.
/// <paramref name="Key"/> is set only in the answer that creates the key.
/// </summary>
public sealed record ApiKeyRecord(Guid Id, Guid UserId, string Name, string[] Roles, DateTime CreatedAt, DateTime? RevokedAt, string? Key = null);
