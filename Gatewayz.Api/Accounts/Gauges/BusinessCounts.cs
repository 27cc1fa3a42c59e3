namespace Gatewayz.Api.Accounts.Gauges;

public sealed record BusinessCounts(long ActiveApiKeys, long ActiveTrials, IReadOnlyDictionary<string, long> ActiveSubscriptionsByTier);
