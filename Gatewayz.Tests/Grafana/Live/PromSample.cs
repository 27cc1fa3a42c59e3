namespace Gatewayz.Tests.Grafana.Live;

public readonly record struct PromSample(DateTimeOffset Time, double Value);
