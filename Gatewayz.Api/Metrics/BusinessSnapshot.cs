namespace Gatewayz.Api.Metrics;

/// <summary>The business gauges at one moment. Null means "not known here" (the gauge keeps its last value).</summary>
public sealed record BusinessSnapshot(int? ActiveApiKeys, IReadOnlyDictionary<string, int> ActiveSubscriptionsByTier, int? ActiveTrials);
