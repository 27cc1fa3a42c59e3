namespace Gatewayz.Api.Accounts.Credits;

/// <summary>A pending ledger entry for one request's cost (the amount is positive; the ledger stores it negated).</summary>
public sealed record Debit(Guid UserId, decimal Amount, string Reason, string RequestId);
