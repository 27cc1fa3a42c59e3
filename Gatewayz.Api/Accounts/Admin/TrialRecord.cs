namespace Gatewayz.Api.Accounts.Admin;

public sealed record TrialRecord(Guid UserId, DateTime SignedUpAt, DateTime? StartedAt, DateTime? ConvertedAt, DateTime? ExpiresAt);
