using Gatewayz.Tests.Containers.Stack;
using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Prometheus;

/// <summary>The rendered prometheus.yml and the rule files pass Prometheus 2.42's own checks.</summary>
public sealed class PrometheusConfigTests
{
    /// <summary>The components a stack may leave out (the AppHost's Processes mode), by variable, with their scrape job.</summary>
    private static readonly Dictionary<string, string> OptionalJobs = new()
    {
        ["AGGREGATOR_TARGET"] = "aggregator",
        ["REDIS_EXPORTER_TARGET"] = "redis_exporter",
        ["MIMIR_TARGET"] = "mimir",
        ["TEMPO_TARGET"] = "tempo",
        ["LOKI_TARGET"] = "loki",
    };

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
    public async Task Unset_targets_keep_their_defaults()
    {
        var targets = JobTargets(YamlConfig.Load(await ContainerConfig.Prometheus.RenderAsync()));

        targets["aggregator"].ShouldBe(["aggregator:8080"]);
        targets["redis_exporter"].ShouldBe(["redis-exporter:9121"]);
        targets["mimir"].ShouldBe(["mimir:9009"]);
        targets["tempo"].ShouldBe(["tempo:3200"]);
        targets["loki"].ShouldBe(["loki:3100"]);
    }

    [Fact]
    public async Task Components_set_to_empty_are_jobs_without_targets_and_there_is_no_remote_write()
    {
        var settings = OptionalJobs.Keys.ToDictionary(name => name, _ => string.Empty);
        settings["MIMIR_REMOTE_WRITE_URL"] = string.Empty;
        var configFile = await ContainerConfig.Prometheus.RenderAsync(settings);

        var check = await ToolCommand.RunAsync("promtool", ["check", "config", configFile]);

        check.Succeeded.ShouldBeTrue(check.Output);
        var config = YamlConfig.Load(configFile);
        config.Has("remote_write").ShouldBeFalse();
        var targets = JobTargets(config);
        foreach (var job in OptionalJobs.Values)
            targets[job].ShouldBeEmpty($"job {job}");
        targets["gateway-api"].ShouldBe(["gateway-api:8080"]);
        targets["alertmanager"].ShouldBe(["alertmanager:9093"]);
        targets["prometheus"].ShouldBe(["localhost:9090"]);
        config.Single("alerting", "alertmanagers").Single("static_configs").Texts("targets").ShouldBe(["alertmanager:9093"]);
    }

    [Theory]
    [InlineData("GATEWAY_API_TARGET", "gateway-api", "gateway-api:8080")]
    [InlineData("ALERTMANAGER_TARGET", "alertmanager", "alertmanager:9093")]
    public async Task Required_targets_set_to_empty_keep_their_defaults(string variable, string job, string target)
    {
        var configFile = await ContainerConfig.Prometheus.RenderAsync(new Dictionary<string, string> { [variable] = string.Empty });

        JobTargets(YamlConfig.Load(configFile))[job].ShouldBe([target]);
    }

    [Theory]
    [InlineData(null, null, "http://mimir:9009/api/v1/push")]
    [InlineData("mimir.example:9009", null, "http://mimir.example:9009/api/v1/push")]
    [InlineData("", null, null)]
    [InlineData("mimir:9009", "", null)]
    [InlineData("", "https://mimir.example/api/v1/push", "https://mimir.example/api/v1/push")]
    public async Task Remote_write_follows_the_mimir_target_unless_its_url_is_set(string? mimirTarget, string? remoteWriteUrl, string? expectedUrl)
    {
        var settings = new Dictionary<string, string>();
        if (mimirTarget is not null) settings["MIMIR_TARGET"] = mimirTarget;
        if (remoteWriteUrl is not null) settings["MIMIR_REMOTE_WRITE_URL"] = remoteWriteUrl;

        var config = YamlConfig.Load(await ContainerConfig.Prometheus.RenderAsync(settings));

        if (expectedUrl is null)
            config.Has("remote_write").ShouldBeFalse();
        else
            config.Single("remote_write").Text("url").ShouldBe(expectedUrl);
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

    /// <summary>Every scrape job's static targets, by job name.</summary>
    private static Dictionary<string, List<string>> JobTargets(YamlMappingNode config) =>
        config.At("scrape_configs").ShouldBeOfType<YamlSequenceNode>().Children.ToDictionary(
            job => job.Text("job_name"),
            job => job.At("static_configs").ShouldBeOfType<YamlSequenceNode>().Children
                .SelectMany(group => group.Texts("targets")).ToList());
}
