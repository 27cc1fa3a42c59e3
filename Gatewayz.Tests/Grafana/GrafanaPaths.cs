using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana;

/// <summary>Where the Grafana container's configuration lives in the repository.</summary>
public static class GrafanaPaths
{
    public static string Root => Path.Combine(RepositoryPaths.Containers, "grafana");

    public static string Dashboards => Path.Combine(Root, "dashboards");

    public static string Datasources => Path.Combine(Root, "provisioning", "datasources", "datasources.yml");

    public static string DashboardProviders => Path.Combine(Root, "provisioning", "dashboards", "dashboards.yml");

    public static string Alerting => Path.Combine(Root, "provisioning", "alerting");

    public static string QueryParser => Path.Combine(Root, "tests");

    public static IReadOnlyList<string> DashboardFiles() =>
        Directory.Exists(Dashboards)
            ? Directory.GetFiles(Dashboards, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Alert rule files: every alerting file with a top-level <c>groups</c> list.</summary>
    public static IReadOnlyList<string> AlertRuleFiles() =>
        Directory.GetFiles(Alerting, "*.yml")
            .Where(path => YamlDocument.Load(path)["groups"] is not null)
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path).Replace('\\', '/');
}
