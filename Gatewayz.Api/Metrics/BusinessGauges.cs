namespace Gatewayz.Api.Metrics;

/// <summary>Sets the business gauges from <see cref="IBusinessMetricsSource"/> before each scrape; tiers outside the fixed list fold into <c>other</c>.</summary>
public sealed class BusinessGauges
{
    public static readonly string[] Tiers = ["free", "starter", "pro", "enterprise"];

    public BusinessGauges(IBusinessMetricsSource source, GatewayMetrics metrics, ILogger<BusinessGauges> logger)
    {
        foreach (var tier in Tiers) metrics.ActiveSubscriptions.WithLabels(tier).Set(0);
        metrics.ActiveTrials.Set(0);
        metrics.Registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            try
            {
                var snapshot = await source.ReadAsync(cancellationToken);
                if (snapshot.ActiveApiKeys is { } keys) metrics.ActiveApiKeys.Set(keys);
                if (snapshot.ActiveTrials is { } trials) metrics.ActiveTrials.Set(trials);
                foreach (var tier in Tiers) metrics.ActiveSubscriptions.WithLabels(tier).Set(snapshot.ActiveSubscriptionsByTier.GetValueOrDefault(tier));
                var other = snapshot.ActiveSubscriptionsByTier.Where(pair => !Tiers.Contains(pair.Key)).Sum(pair => pair.Value);
                if (other > 0) metrics.ActiveSubscriptions.WithLabels(MetricLabels.Other).Set(other);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Business gauges keep their last values: the source failed.");
            }
        });
    }
}
