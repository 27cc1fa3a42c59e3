namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>One recording or alerting rule of a rule file, as far as the tests need it.</summary>
public sealed record PrometheusRule(
    string File,
    string Group,
    string? Record,
    string? Alert,
    string Expression,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations)
{
    public string Name => Alert ?? Record!;
}
