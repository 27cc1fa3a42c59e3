namespace Gatewayz.Api.Analytics;

public sealed record ProviderHourRow(string Provider, DateTime Hour, decimal Cost, double AvgLatencyMs, long Requests, long Failures)
{
    public double ErrorRate => Requests == 0 ? 0 : (double)Failures / Requests;
}
