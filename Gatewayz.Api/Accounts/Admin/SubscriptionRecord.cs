namespace Gatewayz.Api.Accounts.Admin;

public sealed record SubscriptionRecord(Guid UserId, string Tier, string Status, DateTime StartedAt, DateTime UpdatedAt);
