namespace Gatewayz.Api.Accounts.Admin;

/// <summary>A key as the admin API shows it. <see cref="Key"/> is set only in the answer that creates the key.</summary>
public sealed record ApiKeyRecord(Guid Id, Guid UserId, string Name, DateTime CreatedAt, DateTime? RevokedAt, string? Key = null);
