namespace Gatewayz.Api.Auth;

/// <summary>Who is calling: never the key itself, only what it resolves to.</summary>
public sealed record ClientIdentity(string KeyId, string UserId, string KeyName);
