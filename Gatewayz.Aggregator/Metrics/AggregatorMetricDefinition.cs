namespace Gatewayz.Aggregator.Metrics;

/// <summary>One aggregator metric: its name, type and meaning are defined here and nowhere else.</summary>
public sealed record AggregatorMetricDefinition(string Name, string Kind, string Help, string Unit);
