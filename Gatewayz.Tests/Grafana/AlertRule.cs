namespace Gatewayz.Tests.Grafana;

/// <summary>The parts of a provisioned Grafana alert rule that routing and documentation checks need.</summary>
public sealed record AlertRule(string File, string Uid, string Title, IReadOnlyDictionary<string, string> Labels, string RunbookUrl);
