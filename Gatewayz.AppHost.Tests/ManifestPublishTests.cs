using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Gatewayz.AppHost.Tests;

/// <summary>
/// Publishes the manifest as a user would (<c>dotnet run --project Gatewayz.AppHost -- --publisher manifest</c>) and
/// checks what a deployment tool (azd) reads from it: every resource, pinned images, bind mounts that exist, and
/// the environment that wires the services to each other. Publishing always describes the container stack.
/// </summary>
public sealed class ManifestPublishTests : IAsyncLifetime
{
    private readonly string _output = Directory.CreateTempSubdirectory("gwz-manifest-").FullName;
    private JsonElement _resources;

    private string ManifestPath => Path.Combine(_output, "aspire-manifest.json");

    public async Task InitializeAsync() => _resources = await PublishAsync(ManifestPath);

    /// <summary>Publishes the manifest to <paramref name="manifestPath"/> with the AppHost <paramref name="settings"/> (<c>--KEY=VALUE</c>); returns its resources.</summary>
    private static async Task<JsonElement> PublishAsync(string manifestPath, params string[] settings)
    {
        var configuration = typeof(ManifestPublishTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "run", "--project", Path.Combine(ProcessStackFixture.RepositoryRoot(), "Gatewayz.AppHost"), "--no-build",
                "-c", configuration, "--", "--publisher", "manifest", "--output-path", manifestPath,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var setting in settings) startInfo.ArgumentList.Add(setting);
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"{await output}\n{await errors}");

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(manifestPath));
        return manifest.RootElement.GetProperty("resources").Clone();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_output, recursive: true);
        return Task.CompletedTask;
    }

    public static TheoryData<string, string> Images => new()
    {
        { "redis", "library/redis:8.2" },
        { "postgres", "library/postgres:17.6" },
        { "redis-exporter", "oliver006/redis_exporter:v1.90.0" },
        { "prometheus", "prom/prometheus:v3.14.0" },
        { "alertmanager", "prom/alertmanager:v0.34.0" },
        { "grafana", "grafana/grafana:13.2.0" },
        { "loki", "grafana/loki:3.7.6" },
        { "tempo", "grafana/tempo:3.0.3" },
        { "mimir", "grafana/mimir:3.1.3" },
        { "pyroscope", "grafana/pyroscope:2.1.1" },
        { "otel-collector", "otel/opentelemetry-collector-contrib:0.160.0" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void Every_container_is_published_with_its_pinned_image(string name, string image)
    {
        var resource = Resource(name);

        resource.GetProperty("type").GetString().ShouldBe("container.v0");
        resource.GetProperty("image").GetString()!.ShouldEndWith(image);
    }

    [Theory]
    [InlineData("api", "Gatewayz.Api.csproj")]
    [InlineData("aggregator", "Gatewayz.Aggregator.csproj")]
    public void The_services_are_published_as_projects_wired_to_redis_postgres_and_the_collector(string name, string project)
    {
        var resource = Resource(name);
        var environment = Environment(name);

        resource.GetProperty("type").GetString().ShouldBe("project.v0");
        resource.GetProperty("path").GetString()!.ShouldEndWith(project);
        environment["ConnectionStrings__redis"].ShouldBe("{redis.connectionString}");
        environment["ConnectionStrings__gatewayz"].ShouldBe("{gatewayz.connectionString}");
        environment["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"].ShouldBe("{otel-collector.bindings.grpc.url}");
        Resource("gatewayz").GetProperty("connectionString").GetString()!.ShouldContain("{postgres.connectionString}");
    }

    [Fact]
    public void The_api_gets_its_admin_token_and_pushes_profiles_to_pyroscope()
    {
        var environment = Environment("api");

        environment["Gatewayz__AdminToken"].ShouldBe("{gateway-admin-token.value}");
        environment["PYROSCOPE_SERVER_ADDRESS"].ShouldContain("{pyroscope.bindings.http");
        // A secret the deployment tool generates (32 letters and digits) when nobody supplies one.
        var input = Resource("gateway-admin-token").GetProperty("inputs").GetProperty("value");
        input.GetProperty("secret").GetBoolean().ShouldBeTrue();
        input.GetProperty("default").GetProperty("generate").GetProperty("minLength").GetInt32().ShouldBe(32);
    }

    [Theory]
    [InlineData("prometheus", "/etc/prometheus")]
    [InlineData("alertmanager", "/etc/alertmanager")]
    [InlineData("grafana", "/etc/grafana/provisioning")]
    [InlineData("grafana", "/var/lib/grafana/dashboards")]
    [InlineData("loki", "/etc/loki")]
    [InlineData("tempo", "/etc/tempo")]
    [InlineData("mimir", "/etc/mimir")]
    [InlineData("pyroscope", "/etc/pyroscope")]
    [InlineData("otel-collector", "/etc/otelcol-contrib")]
    public void Config_folders_are_bind_mounted_read_only_from_the_repository(string name, string target)
    {
        var mount = Resource(name).GetProperty("bindMounts").EnumerateArray()
            .Single(candidate => candidate.GetProperty("target").GetString() == target);

        mount.GetProperty("readOnly").GetBoolean().ShouldBeTrue();
        // Sources are relative to the manifest's folder.
        var source = Path.GetFullPath(Path.Combine(_output, mount.GetProperty("source").GetString()!));
        source.ShouldStartWith(Path.Combine(ProcessStackFixture.RepositoryRoot(), "containers"));
        Directory.Exists(source).ShouldBeTrue(source);
    }

    [Fact]
    public void Prometheus_scrapes_every_service_and_remote_writes_to_mimir()
    {
        var environment = Environment("prometheus");

        environment["GATEWAY_API_TARGET"].ShouldBe("{api.bindings.http.host}:{api.bindings.http.port}");
        environment["AGGREGATOR_TARGET"].ShouldBe("{aggregator.bindings.http.host}:{aggregator.bindings.http.port}");
        environment["ALERTMANAGER_TARGET"].ShouldBe("{alertmanager.bindings.http.host}:{alertmanager.bindings.http.port}");
        environment["REDIS_EXPORTER_TARGET"].ShouldBe("{redis-exporter.bindings.http.host}:{redis-exporter.bindings.http.port}");
        environment["MIMIR_TARGET"].ShouldBe("{mimir.bindings.http.host}:{mimir.bindings.http.port}");
        environment["TEMPO_TARGET"].ShouldBe("{tempo.bindings.http.host}:{tempo.bindings.http.port}");
        environment["LOKI_TARGET"].ShouldBe("{loki.bindings.http.host}:{loki.bindings.http.port}");
        environment["MIMIR_REMOTE_WRITE_URL"].ShouldBe("{mimir.bindings.http.url}/api/v1/push");
    }

    [Fact]
    public async Task With_a_management_port_the_gateways_container_listens_on_it_and_prometheus_scrapes_it()
    {
        var resources = await PublishAsync(Path.Combine(_output, "management", "aspire-manifest.json"), $"--{GatewayServices.ManagementPortSetting}=9464");
        var api = resources.GetProperty("api");

        api.GetProperty("bindings").GetProperty(GatewayServices.ManagementEndpoint).GetProperty("targetPort").GetInt32().ShouldBe(9464);
        api.GetProperty("env").GetProperty("Gatewayz__Metrics__ManagementPort").GetString().ShouldBe("{api.bindings.management.targetPort}");
        resources.GetProperty("prometheus").GetProperty("env").GetProperty("GATEWAY_API_TARGET").GetString()
            .ShouldBe("{api.bindings.management.host}:{api.bindings.management.port}");
    }

    [Fact]
    public void Grafana_reads_every_datasource_and_the_database()
    {
        var environment = Environment("grafana");

        foreach (var (variable, resource) in new[] { ("PROMETHEUS", "prometheus"), ("MIMIR", "mimir"), ("LOKI", "loki"), ("TEMPO", "tempo"), ("PYROSCOPE", "pyroscope") })
            environment[$"{variable}_INTERNAL_URL"].ShouldBe($"{{{resource}.bindings.http.url}}");
        environment["POSTGRES_DB"].ShouldBe("gatewayz");
        environment["POSTGRES_PASSWORD"].ShouldBe("{postgres-password.value}");
        environment["GF_SECURITY_ADMIN_PASSWORD"].ShouldBe("{grafana-admin-password.value}");
    }

    [Fact]
    public void The_collector_exports_to_tempo_loki_and_the_published_dashboard()
    {
        var environment = Environment("otel-collector");

        environment["TEMPO_OTLP_ENDPOINT"].ShouldBe("{tempo.bindings.otlp-grpc.host}:{tempo.bindings.otlp-grpc.port}");
        environment["LOKI_OTLP_ENDPOINT"].ShouldBe("{loki.bindings.http.url}/otlp");
    }

    [Fact]
    public void The_redis_exporter_reads_redis_and_alertmanager_gets_its_smtp_password_as_a_secret()
    {
        Environment("redis-exporter")["REDIS_ADDR"].ShouldContain("{redis.bindings.tcp");
        Environment("alertmanager")["SMTP_PASSWORD"].ShouldBe("{smtp-password.value}");
        Resource("smtp-password").GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void A_deployment_mails_through_the_published_relay_while_a_local_run_mails_nobody()
    {
        Resource("smtp-host").GetProperty("inputs").GetProperty("value").GetProperty("default").GetProperty("value").GetString()
            .ShouldBe(AlertEmailSettings.PublishedSmtpHost);
    }

    private JsonElement Resource(string name) =>
        _resources.TryGetProperty(name, out var resource) ? resource : throw new ShouldAssertException($"{name} is not in the manifest");

    private Dictionary<string, string> Environment(string name) =>
        Resource(name).GetProperty("env").EnumerateObject().ToDictionary(variable => variable.Name, variable => variable.Value.GetString()!);
}
