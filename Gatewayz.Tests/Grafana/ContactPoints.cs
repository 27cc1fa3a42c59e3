namespace Gatewayz.Tests.Grafana;

/// <summary>Names of the contact points <c>contact_points.yml</c> provisions.</summary>
public static class ContactPoints
{
    public static string FilePath => Path.Combine(GrafanaPaths.Alerting, "contact_points.yml");

    public static IReadOnlySet<string> Load() =>
        YamlDocument.Load(FilePath)["contactPoints"].Items().Select(point => (string)point["name"]!).ToHashSet(StringComparer.Ordinal);
}
