namespace Gatewayz.Tests.Grafana;

/// <summary>What the grammar made of one query: syntax errors (offset and surrounding text) and selected metric names.</summary>
public sealed record ParsedQuery(GrafanaQuery Query, IReadOnlyList<string> Errors, IReadOnlyList<string> Metrics);
