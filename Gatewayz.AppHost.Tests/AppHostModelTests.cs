namespace Gatewayz.AppHost.Tests;

public class AppHostModelTests
{
    public static TheoryData<string> StackResources =>
    [
        "redis", "redis-exporter", "postgres", "gatewayz", "api", "aggregator",
        "prometheus", "mimir", "loki", "tempo", "pyroscope", "alertmanager", "grafana", "otel-collector",
        "smtp-password", "grafana-admin-password",
    ];

    [Theory]
    [MemberData(nameof(StackResources))]
    public async Task The_model_contains_every_stack_resource(string name)
    {
        await using var builder = await AppHostModel.CreateAsync();

        builder.Resources.ShouldContain(resource => resource.Name == name);
    }

    [Theory]
    [InlineData("smtp-password")]
    [InlineData("grafana-admin-password")]
    public async Task Passwords_are_secret_parameters(string name)
    {
        await using var builder = await AppHostModel.CreateAsync();

        builder.Resource(name).ShouldBeOfType<ParameterResource>().Secret.ShouldBeTrue();
    }

    [Fact]
    public async Task Services_wait_for_their_dependencies()
    {
        await using var builder = await AppHostModel.CreateAsync();

        // Waiting for the database also waits for its server, "postgres".
        WaitsFor(builder, "api").ShouldBe(["redis", "gatewayz", "postgres", "otel-collector"], ignoreOrder: true);
        WaitsFor(builder, "tempo").ShouldContain("mimir");
        WaitsFor(builder, "otel-collector").ShouldBe(["tempo", "loki"], ignoreOrder: true);
        WaitsFor(builder, "prometheus").ShouldBe(["mimir", "alertmanager", "redis-exporter"], ignoreOrder: true);
        WaitsFor(builder, "grafana").ShouldContain("prometheus");
    }

    [Fact]
    public async Task Every_bind_mount_source_exists_in_the_repository()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var sources = builder.Resources
            .SelectMany(resource => resource.Annotations.OfType<ContainerMountAnnotation>())
            .Where(mount => mount.Type == ContainerMountType.BindMount)
            .Select(mount => mount.Source!)
            .ToList();

        sources.Count.ShouldBeGreaterThanOrEqualTo(9);
        sources.ShouldAllBe(source => Directory.Exists(source) || File.Exists(source));
    }

    [Fact]
    public async Task Prometheus_gets_every_scrape_target_and_mimirs_push_url()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("prometheus");

        environment["GATEWAY_API_TARGET"].ShouldContain("api.bindings.http");
        environment["AGGREGATOR_TARGET"].ShouldContain("aggregator.bindings.http");
        environment["REDIS_EXPORTER_TARGET"].ShouldContain("redis-exporter.bindings.http");
        environment["MIMIR_TARGET"].ShouldContain("mimir.bindings.http");
        environment["TEMPO_TARGET"].ShouldContain("tempo.bindings.http");
        environment["LOKI_TARGET"].ShouldContain("loki.bindings.http");
        environment["ALERTMANAGER_TARGET"].ShouldContain("alertmanager.bindings.http");
        environment["MIMIR_REMOTE_WRITE_URL"].ShouldContain("mimir.bindings.http");
        environment["MIMIR_REMOTE_WRITE_URL"].ShouldEndWith("/api/v1/push");
    }

    [Theory]
    [InlineData("prometheus", "/etc/prometheus/entrypoint.sh")]
    [InlineData("alertmanager", "/etc/alertmanager/entrypoint.sh")]
    public async Task Prometheus_and_alertmanager_start_through_their_render_scripts(string name, string script)
    {
        await using var builder = await AppHostModel.CreateAsync();
        var container = builder.Resource(name).ShouldBeOfType<ContainerResource>();

        var args = await builder.PublishedArgumentsAsync(name);

        container.Entrypoint.ShouldBe("/bin/sh");
        args.First().ShouldBe(script);
    }

    [Fact]
    public async Task Tempo_remote_writes_to_mimir_and_expands_its_environment()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("tempo");
        var args = await builder.PublishedArgumentsAsync("tempo");

        environment["MIMIR_REMOTE_WRITE_URL"].ShouldEndWith("/api/v1/push");
        args.ShouldContain("-config.expand-env=true");
    }

    [Fact]
    public async Task The_collector_sends_traces_to_tempo_logs_to_loki_and_knows_the_dashboard()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("otel-collector");

        environment["TEMPO_OTLP_ENDPOINT"].ShouldContain("tempo.bindings.otlp-grpc");
        environment["LOKI_OTLP_ENDPOINT"].ShouldEndWith("/otlp");
        environment.ShouldContainKey("ASPIRE_DASHBOARD_OTLP_ENDPOINT");
        environment.ShouldContainKey("ASPIRE_DASHBOARD_OTLP_INSECURE");
    }

    [Theory]
    [InlineData("api")]
    [InlineData("aggregator")]
    public async Task Services_send_every_signal_to_the_collector(string name)
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync(name);

        environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].ShouldContain("otel-collector.bindings.grpc");
        environment["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"].ShouldContain("otel-collector.bindings.grpc");
        environment["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"].ShouldContain("otel-collector.bindings.grpc");
    }

    [Fact]
    public async Task Grafana_gets_every_datasource_address_and_the_secret_passwords()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("grafana");

        environment["PROMETHEUS_INTERNAL_URL"].ShouldContain("prometheus.bindings.http");
        environment["MIMIR_INTERNAL_URL"].ShouldContain("mimir.bindings.http");
        environment["LOKI_INTERNAL_URL"].ShouldContain("loki.bindings.http");
        environment["TEMPO_INTERNAL_URL"].ShouldContain("tempo.bindings.http");
        environment["PYROSCOPE_INTERNAL_URL"].ShouldContain("pyroscope.bindings.http");
        environment["POSTGRES_DB"].ShouldBe("gatewayz");
        environment["POSTGRES_PASSWORD"].ShouldContain("postgres-password");
        environment["GF_SECURITY_ADMIN_PASSWORD"].ShouldContain("grafana-admin-password");
        environment["GF_SMTP_PASSWORD"].ShouldContain("smtp-password");
    }

    [Fact]
    public async Task Api_gets_the_admin_token_secret_and_pushes_profiles_to_pyroscope()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("api");

        environment["Gatewayz__AdminToken"].ShouldContain("gateway-admin-token");
        environment["PYROSCOPE_ENABLED"].ShouldBe("true");
        environment["PYROSCOPE_SERVER_ADDRESS"].ShouldContain("pyroscope.bindings.http");
    }

    [Fact]
    public async Task Alertmanager_gets_the_smtp_settings_and_both_recipient_lists()
    {
        await using var builder = await AppHostModel.CreateAsync();

        var environment = await builder.PublishedEnvironmentAsync("alertmanager");

        environment["SMTP_PASSWORD"].ShouldContain("smtp-password");
        foreach (var name in new[] { "SMTP_HOST", "SMTP_FROM", "SMTP_USER", "ALERT_EMAIL_OPS", "ALERT_EMAIL_CRIT" })
        {
            environment.ShouldContainKey(name);
        }
    }

    [Fact]
    public async Task The_api_and_aggregator_use_redis_and_the_gatewayz_database()
    {
        await using var builder = await AppHostModel.CreateAsync();

        foreach (var name in new[] { "api", "aggregator" })
        {
            var environment = await builder.PublishedEnvironmentAsync(name);
            environment.ShouldContainKey("ConnectionStrings__redis");
            environment.ShouldContainKey("ConnectionStrings__gatewayz");
        }
    }

    private static IEnumerable<string> WaitsFor(IDistributedApplicationTestingBuilder builder, string name) =>
        builder.Resource(name).Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).Distinct();
}
