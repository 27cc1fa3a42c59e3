using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// A real Prometheus 2.42 process on a free loopback port with a temporary TSDB, scraping one target
/// and itself every second. Killed and deleted on dispose.
/// </summary>
public sealed class LivePrometheus : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly HttpClient _http;

    private LivePrometheus(Process process, string directory, Uri baseUrl)
    {
        _process = process;
        _directory = directory;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public const string GatewayJob = "gatewayz";

    public static async Task<LivePrometheus> StartAsync(Uri gateway)
    {
        var directory = Directory.CreateTempSubdirectory("gatewayz-live-prometheus-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "prometheus.yml");
        // One trivial rule so that the rule-evaluation panels of the Prometheus dashboard have data.
        await File.WriteAllTextAsync(Path.Combine(directory, "rules.yml"), """
            groups:
              - name: live-test
                interval: 1s
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
            """);
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            rule_files: [rules.yml]
            scrape_configs:
              - job_name: {GatewayJob}
                static_configs: [{"{"} targets: ['{gateway.Authority}'] {"}"}]
              - job_name: prometheus
                static_configs: [{"{"} targets: ['127.0.0.1:{port}'] {"}"}]
            """);
        var process = Process.Start(new ProcessStartInfo("prometheus",
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
             $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var prometheus = new LivePrometheus(process, directory, new Uri($"http://127.0.0.1:{port}"));
        await prometheus.WaitUntilReadyAsync();
        return prometheus;
    }

    public Uri BaseUrl => _http.BaseAddress!;

    public async Task<IReadOnlyList<PromSeries>> QueryAsync(string expression, DateTimeOffset? at = null)
    {
        var time = (at ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds() / 1000.0;
        return await GetAsync($"/api/v1/query?query={Uri.EscapeDataString(expression)}&time={time.ToString(CultureInfo.InvariantCulture)}");
    }

    public async Task<IReadOnlyList<PromSeries>> QueryRangeAsync(string expression, DateTimeOffset start, DateTimeOffset end, TimeSpan step) =>
        await GetAsync($"/api/v1/query_range?query={Uri.EscapeDataString(expression)}" +
                       $"&start={start.ToUnixTimeSeconds()}&end={end.ToUnixTimeSeconds()}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");

    private async Task<IReadOnlyList<PromSeries>> GetAsync(string url)
    {
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"Prometheus answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return PromResultParser.Parse(document.RootElement.GetProperty("data"));
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}");
            try
            {
                using var response = await _http.GetAsync("/-/ready");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("prometheus did not become ready within 20 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a TSDB file still closing; the temp directory is cleaned up by the OS eventually
        }
    }
}
