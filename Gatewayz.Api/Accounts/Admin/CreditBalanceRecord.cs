namespace Gatewayz.Api.Accounts.Admin;

public sealed record CreditBalanceRecord(Guid UserId, decimal Balance);
