namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>The shipped rule files (containers/prometheus/rules) and promtool test files, read with YamlDotNet.</summary>
public static class RuleFiles
{
    public static string RulesDirectory => Path.Combine(ContainerConfig.Prometheus.Directory, "rules");

    public static string TestsDirectory => Path.Combine(ContainerConfig.Prometheus.Directory, "tests");

    public static IEnumerable<string> RuleFileNames => Directory.GetFiles(RulesDirectory, "*.rules.yml").Order();

    public static IEnumerable<string> TestFileNames => Directory.GetFiles(TestsDirectory, "*.test.yml").Order();

    public static IReadOnlyList<PrometheusRule> All { get; } = RuleFileNames.SelectMany(Read).ToList();

    public static IEnumerable<PrometheusRule> Alerts => All.Where(rule => rule.Alert is not null);

    private static IEnumerable<PrometheusRule> Read(string path)
    {
        foreach (var group in YamlFile.Sequence(YamlFile.Load(path), "groups"))
        {
            foreach (var rule in YamlFile.Sequence(group, "rules"))
            {
                yield return new PrometheusRule(
                    Path.GetFileName(path), YamlFile.Scalar(group, "name")!, YamlFile.Scalar(rule, "record"), YamlFile.Scalar(rule, "alert"),
                    YamlFile.Scalar(rule, "expr")!, YamlFile.Map(rule, "labels"), YamlFile.Map(rule, "annotations"));
            }
        }
    }
}
