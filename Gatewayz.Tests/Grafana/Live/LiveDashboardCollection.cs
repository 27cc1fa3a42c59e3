namespace Gatewayz.Tests.Grafana.Live;

/// <summary>Tests that share one <see cref="LiveGatewayFixture"/> (a gateway, load and Prometheus take ~15 s to set up).</summary>
[CollectionDefinition(Name)]
public sealed class LiveDashboardCollection : ICollectionFixture<LiveGatewayFixture>
{
    public const string Name = "Live dashboards";
}
