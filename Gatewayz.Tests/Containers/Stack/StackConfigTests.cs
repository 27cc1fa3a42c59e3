using Gatewayz.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Gatewayz.Tests.Containers.Stack;

/// <summary>The storage and telemetry configs parse and agree with each other (no container engine needed).</summary>
public class StackConfigTests
{
    private const string MimirConfig = "mimir/mimir.yaml";
    private const string LokiConfig = "loki/loki.yaml";
    private const string TempoConfig = "tempo/tempo.yaml";
    private const string PyroscopeConfig = "pyroscope/pyroscope.yaml";
    private const string CollectorConfig = "otel-collector/config.yaml";

    public static TheoryData<string> YamlFiles =>
        new(StackFiles.ConfigFiles()
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(RepositoryPaths.Containers, path)));

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void Every_container_config_parses_as_yaml(string relativePath)
    {
        Should.NotThrow(() => YamlConfig.Load(StackFiles.Config(relativePath)));
    }

    [Fact]
    public void Mimir_runs_single_tenant_on_the_filesystem_and_keeps_30_days()
    {
        var mimir = YamlConfig.Load(StackFiles.Config(MimirConfig));

        mimir.Text("multitenancy_enabled").ShouldBe("false");
        mimir.Text("target").ShouldBe("all");
        mimir.Text("blocks_storage", "backend").ShouldBe("filesystem");
        mimir.Text("limits", "compactor_blocks_retention_period").ShouldBe("720h");
        mimir.Text("limits", "max_query_lookback").ShouldBe("720h");
        mimir.Text("limits", "ingestion_rate").ShouldBe("50000");
        mimir.Text("limits", "max_global_series_per_user").ShouldBe("500000");
        int.Parse(mimir.Text("limits", "max_global_exemplars_per_user")).ShouldBeGreaterThan(0);
        // Accepted by default since Mimir 2.16: the config may only leave it on.
        if (mimir.At("limits").Has("native_histograms_ingestion_enabled"))
        {
            mimir.Text("limits", "native_histograms_ingestion_enabled").ShouldBe("true");
        }
    }

    [Fact]
    public void Loki_uses_tsdb_v13_and_its_compactor_deletes_after_30_days()
    {
        var loki = YamlConfig.Load(StackFiles.Config(LokiConfig));

        var schema = loki.Single("schema_config", "configs");
        schema.Text("store").ShouldBe("tsdb");
        schema.Text("schema").ShouldBe("v13");
        schema.Text("object_store").ShouldBe("filesystem");
        loki.Text("limits_config", "retention_period").ShouldBe("720h");
        loki.Text("compactor", "retention_enabled").ShouldBe("true");
        loki.Text("compactor", "delete_request_store").ShouldBe("filesystem");
        loki.Text("limits_config", "ingestion_rate_mb").ShouldBe("10");
        loki.Text("limits_config", "ingestion_burst_size_mb").ShouldBe("20");
        loki.Text("limits_config", "allow_structured_metadata").ShouldBe("true");
    }

    [Fact]
    public void Tempo_keeps_traces_7_days_in_both_tempo_3_compaction_blocks()
    {
        var tempo = YamlConfig.Load(StackFiles.Config(TempoConfig));

        tempo.Text("backend_scheduler", "provider", "compaction", "compaction", "block_retention").ShouldBe("168h");
        tempo.Text("backend_worker", "compaction", "block_retention").ShouldBe("168h");
        tempo.Text("storage", "trace", "backend").ShouldBe("local");
        // Blocks Tempo 3 removed: a config that still has them fails at start-up.
        foreach (var removed in new[] { "ingester", "compactor", "ingester_client", "metrics_generator_client" })
        {
            tempo.Has(removed).ShouldBeFalse($"Tempo 3 rejects the '{removed}' block");
        }
    }

    [Fact]
    public void Tempo_receives_otlp_on_the_standard_grpc_and_http_ports()
    {
        var tempo = YamlConfig.Load(StackFiles.Config(TempoConfig));
        var protocols = tempo.At("distributor", "receivers", "otlp", "protocols");

        protocols.Text("grpc", "endpoint").ShouldEndWith(":4317");
        protocols.Text("http", "endpoint").ShouldEndWith(":4318");
    }

    [Fact]
    public void Tempo_remote_writes_span_metrics_with_exemplars_to_mimirs_push_path_as_the_anonymous_tenant()
    {
        var tempo = YamlConfig.Load(StackFiles.Config(TempoConfig));
        var mimir = YamlConfig.Load(StackFiles.Config(MimirConfig));
        var remoteWrite = tempo.Single("metrics_generator", "storage", "remote_write");

        remoteWrite.Text("url").ShouldBe(
            $"${{MIMIR_REMOTE_WRITE_URL:-http://mimir:{mimir.Text("server", "http_listen_port")}/api/v1/push}}");
        remoteWrite.Text("send_exemplars").ShouldBe("true");
        remoteWrite.Text("headers", "X-Scope-OrgID").ShouldBe("anonymous");
        tempo.Text("metrics_generator", "storage", "remote_write_add_org_id_header").ShouldBe("false");
        tempo.Texts("overrides", "defaults", "metrics_generator", "processors")
            .ShouldBe(["service-graphs", "span-metrics"], ignoreOrder: true);
    }

    [Fact]
    public void Pyroscope_stores_profiles_on_the_filesystem_with_a_retention()
    {
        var pyroscope = YamlConfig.Load(StackFiles.Config(PyroscopeConfig));

        pyroscope.Text("storage", "backend").ShouldBe("filesystem");
        pyroscope.Text("limits", "compactor_blocks_retention_period").ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("traces", "TEMPO_OTLP_ENDPOINT")]
    [InlineData("logs", "LOKI_OTLP_ENDPOINT")]
    [InlineData("traces", "ASPIRE_DASHBOARD_OTLP_ENDPOINT")]
    [InlineData("logs", "ASPIRE_DASHBOARD_OTLP_ENDPOINT")]
    [InlineData("metrics", "ASPIRE_DASHBOARD_OTLP_ENDPOINT")]
    public void The_collector_routes_each_signal_to_its_backends(string pipeline, string endpointVariable)
    {
        var collector = YamlConfig.Load(StackFiles.Config(CollectorConfig));

        var exporterEndpoints = collector.Texts("service", "pipelines", pipeline, "exporters")
            .Select(exporter => collector.Text("exporters", exporter, "endpoint"));

        exporterEndpoints.ShouldContain($"${{env:{endpointVariable}}}");
    }

    [Theory]
    [InlineData("traces")]
    [InlineData("logs")]
    [InlineData("metrics")]
    public void Every_collector_pipeline_receives_otlp_and_limits_memory_before_batching(string pipeline)
    {
        var collector = YamlConfig.Load(StackFiles.Config(CollectorConfig));

        collector.Texts("service", "pipelines", pipeline, "receivers").ShouldBe(["otlp"]);
        collector.Texts("service", "pipelines", pipeline, "processors").ShouldBe(["memory_limiter", "batch"]);
        collector.Texts("service", "extensions").ShouldContain("health_check");
    }

    [Fact]
    public void Logs_go_to_lokis_otlp_endpoint_over_http()
    {
        var collector = YamlConfig.Load(StackFiles.Config(CollectorConfig));

        var lokiExporter = collector.Texts("service", "pipelines", "logs", "exporters")
            .Single(exporter => collector.Text("exporters", exporter, "endpoint") == "${env:LOKI_OTLP_ENDPOINT}");

        lokiExporter.ShouldStartWith("otlp_http");
    }

    [Fact]
    public void The_collector_uses_the_otlp_exporter_names_of_collector_0_144_and_later()
    {
        var collector = YamlConfig.Load(StackFiles.Config(CollectorConfig));

        var exporters = collector.At("exporters").ShouldBeOfType<YamlMappingNode>().Children.Keys
            .Select(key => key.ToString().Split('/')[0]);

        // "otlp" and "otlphttp" are deprecated aliases of otlp_grpc and otlp_http since 0.144.
        exporters.ShouldAllBe(type => type == "otlp_grpc" || type == "otlp_http");
    }

    [Fact]
    public void Every_variable_a_container_needs_from_outside_is_documented_in_the_containers_readme()
    {
        var documented = StackFiles.DocumentedVariables();

        var undocumented = StackFiles.RequiredVariables()
            .Where(reference => !documented.Contains(reference.Variable))
            .Select(reference => $"{reference.Variable} ({Path.GetRelativePath(RepositoryPaths.Containers, reference.File)})")
            .Distinct()
            .ToList();

        undocumented.ShouldBeEmpty();
    }
}
