namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>What a rendered dashboard showed: which panels had data and which did not.</summary>
public sealed record DashboardSnapshot(string Svg, IReadOnlyList<string> PanelsWithData, IReadOnlyList<string> PanelsWithoutData);
