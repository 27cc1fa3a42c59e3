namespace Gatewayz.Api.Metrics;

/// <summary>
/// Where the business gauges come from, read at scrape time. The account database (Postgres issue)
/// replaces <see cref="ApiKeyStoreBusinessMetricsSource"/> with one that also knows subscriptions and trials.
/// </summary>
public interface IBusinessMetricsSource
{
    ValueTask<BusinessSnapshot> ReadAsync(CancellationToken cancellationToken);
}
