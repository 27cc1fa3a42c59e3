using System.Net;
using System.Net.Sockets;
using Gatewayz.AppHost.Stack;
using Gatewayz.Tests.Containers.Prometheus;

namespace Gatewayz.AppHost.Tests;

/// <summary>
/// The real AppHost started once in <see cref="StackMode.Processes"/> for <see cref="ProcessStackEndToEndTests"/>:
/// local redis-server, postgres, prometheus and alertmanager, the api and the aggregator, all through DCP, with
/// their data in a fresh folder. Changes for test speed only: Prometheus scrapes and evaluates every second with
/// the shipped rules' <c>for:</c> scaled down (<see cref="ScaledAlertRules"/>), the breaker pause is scaled the
/// same way, and one provider fails every call so that its alert has something to fire on. The gateway has a
/// management port (<see cref="GatewayServices.ManagementPortSetting"/>), so Prometheus scrapes it there: the API's
/// endpoint answers <c>/metrics</c> 404.
/// </summary>
public sealed class ProcessStackFixture : IAsyncLifetime
{
    /// <summary>Every resource Processes mode starts, each with a health check or a running process.</summary>
    public static readonly string[] Resources = ["redis", "postgres", "gatewayz", "api", "aggregator", "alertmanager", "prometheus"];

    /// <summary>A provider whose simulated calls all fail; its model still answers through the next route.</summary>
    public const string FailingProvider = "groq";
    public const string FailingProviderModel = "meta-llama/llama-3.3-70b-instruct";

    /// <summary>A healthy model and the provider of its first route.</summary>
    public const string HealthyModel = "openai/gpt-4o-mini";
    public const string HealthyProvider = "openrouter";

    /// <summary>The development key the api accepts in the Development environment.</summary>
    public const string ApiKey = "gwz-dev-local-key-0001";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(4);

    // Under /tmp (world-passable), not a 0700 temp subfolder: as root, Postgres runs as the postgres user.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"gwz-apphost-e2e-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>How long the whole stack took from <c>StartAsync</c> until every resource was healthy.</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var builder = await AppHostModel.CreateAsync(StackMode.Processes,
            $"{StackSettings.DataDirectorySetting}={_dataDirectory}",
            "Parameters:gateway-admin-token=e2e-admin-token",
            $"{GatewayServices.ManagementPortSetting}={FreeLoopbackPort()}");

        var rules = Path.Combine(RepositoryRoot(), "containers", "prometheus", "rules");
        builder.CreateResourceBuilder((ExecutableResource)builder.Resource("prometheus"))
            .WithEnvironment("PROMETHEUS_RULES_DIR", ScaledAlertRules.Write(rules, Path.Combine(_dataDirectory, "scaled-rules")))
            .WithEnvironment("PROMETHEUS_SCRAPE_INTERVAL", "1s")
            .WithEnvironment("PROMETHEUS_SCRAPE_TIMEOUT", "1s")
            .WithEnvironment("PROMETHEUS_SLOW_SCRAPE_INTERVAL", "5s")
            .WithEnvironment("PROMETHEUS_EVALUATION_INTERVAL", "1s")
            .WithArgs("--rules.alert.resend-delay=1s");
        builder.CreateResourceBuilder((ProjectResource)builder.Resource("api"))
            .WithEnvironment($"Gatewayz__Providers__{FailingProvider}__Simulation__ErrorRate", "1")
            // 30 s / 30: a failing provider's error counter only moves while its breaker lets a trial call through.
            .WithEnvironment("Gatewayz__Resilience__CircuitBreaker__BreakDurationSeconds", "1");

        App = await builder.BuildAsync();
        var started = DateTime.UtcNow;
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await App.StartAsync(timeout.Token);
        foreach (var resource in Resources)
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        StartupTime = DateTime.UtcNow - started;
    }

    public HttpClient CreateApiClient()
    {
        var client = App.CreateHttpClient("api", "http");
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
            await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The postgres user's files under /tmp are removed by the system's temp clean-up.
        }
    }

    /// <summary>A port nothing listens on now, for the management endpoint's port on this machine.</summary>
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The checkout's root: the AppHost project's parent folder.</summary>
    public static string RepositoryRoot()
    {
        var project = Projects.Gatewayz_AppHost.ProjectPath;
        var folder = File.Exists(project) ? Path.GetDirectoryName(project)! : project;
        return Path.GetFullPath(Path.Combine(folder, ".."));
    }
}
