namespace Gatewayz.Api.Accounts.Admin;

public sealed record UserRecord(Guid Id, string Email, string Name, DateTime CreatedAt);
