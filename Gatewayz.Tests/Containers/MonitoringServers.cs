using System.Net.Http.Json;
using System.Text.Json;
using Gatewayz.Tests.Containers.Prometheus;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Containers;

/// <summary>
/// A real Prometheus 2.42 and Alertmanager 0.25, each started through the repository's own entrypoint.sh
/// (which renders the repository's config templates and execs the server, so the PID is the server's).
/// Prometheus scrapes the given gateway and sends alerts to the Alertmanager, which routes them through
/// the repository's routing tree to a webhook. Both are stopped by PID on dispose.
/// </summary>
public sealed class MonitoringServers : IAsyncDisposable
{
    /// <summary>Rule durations run this many times faster than in production (<see cref="ScaledAlertRules"/>).</summary>
    public const int TimeScale = ScaledAlertRules.TimeScale;

    private readonly string _directory = Directory.CreateTempSubdirectory("gwz-monitoring-").FullName;
    private readonly List<LocalProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public Uri PrometheusUrl { get; private set; } = null!;

    public static async Task<MonitoringServers> StartAsync(Uri gateway, Uri webhook)
    {
        var servers = new MonitoringServers();
        try
        {
            var alertmanagerPort = await servers.StartAlertmanagerAsync(webhook);
            await servers.StartPrometheusAsync(gateway, alertmanagerPort);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>States ("inactive", "pending", "firing") of the alerting rules in one rule file, by alert name.</summary>
    public async Task<List<(string Alert, string State)>> AlertStatesAsync(string ruleFile)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>(new Uri(PrometheusUrl, "/api/v1/rules?type=alert"));
        return response.GetProperty("data").GetProperty("groups").EnumerateArray()
            .Where(group => Path.GetFileName(group.GetProperty("file").GetString()) == ruleFile)
            .SelectMany(group => group.GetProperty("rules").EnumerateArray())
            .Select(rule => (rule.GetProperty("name").GetString()!, rule.GetProperty("state").GetString()!))
            .ToList();
    }

    /// <summary>The result of an instant query as a number (0 when empty).</summary>
    public async Task<double> QueryAsync(string promql)
    {
        var response = await _http.GetFromJsonAsync<JsonElement>(new Uri(PrometheusUrl, "/api/v1/query?query=" + Uri.EscapeDataString(promql)));
        var result = response.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<int> StartAlertmanagerAsync(Uri webhook)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["ALERTMANAGER_BINARY"] = "prometheus-alertmanager", // Debian's name for the binary
            ["ALERT_WEBHOOK_URL"] = webhook.ToString(),
        };
        await StartAsync(ContainerConfig.Alertmanager, settings, port,
            [$"--storage.path={Subdirectory("alertmanager-data")}", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address="]);
        return port;
    }

    private async Task StartPrometheusAsync(Uri gateway, int alertmanagerPort)
    {
        var port = FreePort.Next();
        var settings = new Dictionary<string, string>
        {
            ["PROMETHEUS_RULES_DIR"] = ScaledAlertRules.Write(RuleFiles.RulesDirectory, Subdirectory("rules")),
            ["PROMETHEUS_PORT"] = port.ToString(),
            ["PROMETHEUS_SCRAPE_INTERVAL"] = "1s",
            ["PROMETHEUS_SCRAPE_TIMEOUT"] = "1s",
            ["PROMETHEUS_SLOW_SCRAPE_INTERVAL"] = "5s",
            ["PROMETHEUS_EVALUATION_INTERVAL"] = "1s",
            ["GATEWAY_API_TARGET"] = gateway.Authority,
            ["ALERTMANAGER_TARGET"] = $"127.0.0.1:{alertmanagerPort}",
            // Not part of this test: empty renders their jobs without targets, so nothing scrapes a dead
            // port, and with no Mimir target there is no remote write either.
            ["AGGREGATOR_TARGET"] = "",
            ["REDIS_EXPORTER_TARGET"] = "",
            ["MIMIR_TARGET"] = "",
            ["TEMPO_TARGET"] = "",
            ["LOKI_TARGET"] = "",
        };
        await StartAsync(ContainerConfig.Prometheus, settings, port,
            [$"--storage.tsdb.path={Subdirectory("prometheus-data")}", $"--web.listen-address=127.0.0.1:{port}",
             "--web.enable-lifecycle", "--rules.alert.resend-delay=1s"]);
        PrometheusUrl = new Uri($"http://127.0.0.1:{port}");
        await WaitUntilReadyAsync(new Uri(PrometheusUrl, "/-/ready"));
    }

    /// <summary>Prometheus answers 503 until its storage is open; queries before that fail.</summary>
    private async Task WaitUntilReadyAsync(Uri ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await _http.GetAsync(ready)).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{ready} did not become ready");
            await Task.Delay(100);
        }
    }

    private async Task StartAsync(ContainerConfig container, Dictionary<string, string> settings, int port, string[] serverArguments)
    {
        var environment = container.Environment(Path.Combine(_directory, Path.GetFileName(container.Directory) + ".yml"), settings);
        var process = LocalProcess.Start("env", [.. environment.Select(pair => $"{pair.Key}={pair.Value}"), "sh", container.Entrypoint, .. serverArguments]);
        _processes.Add(process);
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(20));
    }

    private string Subdirectory(string name) => Directory.CreateDirectory(Path.Combine(_directory, name)).FullName;

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
            process.Dispose();
        _http.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
