using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana;

/// <summary>
/// Every dashboard under containers/grafana/dashboards: its queries parse, its metrics exist, its
/// datasources are provisioned. Passes trivially while the folder is empty and covers each file
/// added later.
/// </summary>
public sealed class DashboardValidationTests
{
    private static ScanResult ScanAll()
    {
        var scanner = new DashboardScanner(ProvisionedDatasources.Load());
        var result = new ScanResult();
        foreach (var path in GrafanaPaths.DashboardFiles())
            result.Add(scanner.Scan(Path.GetRelativePath(GrafanaPaths.Dashboards, path), JsonNode.Parse(File.ReadAllText(path))!));
        return result;
    }

    [Fact]
    public void Every_dashboard_datasource_is_provisioned() =>
        ScanAll().Problems.ShouldBeEmpty();

    [Fact]
    public void Every_dashboard_query_parses_and_names_only_known_metrics() =>
        QueryChecker.Load().Check(ScanAll().Queries).ShouldBeEmpty();

    [Fact]
    public void Every_dashboard_has_a_unique_uid_and_a_title_and_sits_in_a_folder()
    {
        var dashboards = GrafanaPaths.DashboardFiles()
            .Select(path => (Path: GrafanaPaths.Relative(path), Folder: Path.GetRelativePath(GrafanaPaths.Dashboards, Path.GetDirectoryName(path)!), Json: JsonNode.Parse(File.ReadAllText(path))!))
            .ToArray();

        dashboards.Where(dashboard => dashboard.Folder == ".").Select(dashboard => dashboard.Path)
            .ShouldBeEmpty("foldersFromFilesStructure puts top-level files in General; put each dashboard in a folder");
        dashboards.Where(dashboard => string.IsNullOrWhiteSpace((string?)dashboard.Json["uid"]) || string.IsNullOrWhiteSpace((string?)dashboard.Json["title"]))
            .Select(dashboard => dashboard.Path).ShouldBeEmpty("every dashboard needs a fixed uid and a title");
        dashboards.GroupBy(dashboard => (string?)dashboard.Json["uid"]).Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(dashboard => dashboard.Path))}").ShouldBeEmpty();
    }
}
