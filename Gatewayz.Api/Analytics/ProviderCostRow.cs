namespace Gatewayz.Api.Analytics;

public sealed record ProviderCostRow(string Provider, decimal TotalCost, long TotalRequests, long TotalTokens);
