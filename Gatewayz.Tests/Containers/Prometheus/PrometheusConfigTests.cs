namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>The rendered prometheus.yml and the rule files pass Prometheus 2.42's own checks.</summary>
public sealed class PrometheusConfigTests
{
    [Fact]
    public async Task Rendered_config_with_defaults_passes_promtool_check_config()
    {
        var config = await ContainerConfig.Prometheus.RenderAsync();

        var result = await ToolCommand.RunAsync("promtool", ["check", "config", config]);

        result.Succeeded.ShouldBeTrue(result.Output);
        result.Output.ShouldContain("SUCCESS: 6 rule files found");
    }

    [Fact]
    public async Task Entrypoint_puts_every_target_from_the_environment_into_the_config()
    {
        var settings = new Dictionary<string, string>
        {
            ["GATEWAY_API_TARGET"] = "api.example:8443",
            ["AGGREGATOR_TARGET"] = "agg.example:8081",
            ["REDIS_EXPORTER_TARGET"] = "redis-exp.example:9121",
            ["MIMIR_TARGET"] = "mimir.example:9009",
            ["TEMPO_TARGET"] = "tempo.example:3200",
            ["LOKI_TARGET"] = "loki.example:3100",
            ["ALERTMANAGER_TARGET"] = "am.example:9093",
            ["MIMIR_REMOTE_WRITE_URL"] = "https://mimir.example/api/v1/push?a=1&b=2",
            ["PROMETHEUS_ENVIRONMENT"] = "staging",
        };

        var config = await File.ReadAllTextAsync(await ContainerConfig.Prometheus.RenderAsync(settings));

        foreach (var value in settings.Values)
            config.ShouldContain(value);
        config.ShouldNotContain("${");
        config.ShouldContain("X-Scope-OrgID: anonymous");
    }

    [Fact]
    public async Task Every_rule_file_passes_promtool_check_rules()
    {
        var result = await ToolCommand.RunAsync("promtool", ["check", "rules", .. RuleFiles.RuleFileNames]);

        result.Succeeded.ShouldBeTrue(result.Output);
        result.Output.ShouldNotContain("FAILED");
    }

    public static TheoryData<string> TestFiles => new(RuleFiles.TestFileNames.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(TestFiles))]
    public async Task Promtool_unit_tests_pass(string testFile)
    {
        var result = await ToolCommand.RunAsync("promtool", ["test", "rules", Path.Combine(RuleFiles.TestsDirectory, testFile)]);

        result.Succeeded.ShouldBeTrue(result.Output);
        result.Output.ShouldContain("SUCCESS");
    }
}
