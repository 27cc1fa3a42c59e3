namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// The built gateway (<c>dotnet Gatewayz.Api.dll</c>) as a real process on a free loopback port, with the
/// calm simulation of <see cref="GatewayHost"/>: for tests where the process's end is the point — a
/// <c>kill -9</c> that runs no shutdown code at all, or a SIGTERM as a service manager sends it.
/// </summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly LocalProcess _process;

    private GatewayProcess(LocalProcess process, int port)
    {
        _process = process;
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseUrl { get; }

    /// <summary>What the process wrote to stdout and stderr so far (its log).</summary>
    public string Output => _process.Output;

    /// <summary>Starts the gateway with <paramref name="settings"/> over the calm simulation and waits until it listens (its hosted services have started).</summary>
    public static async Task<GatewayProcess> StartAsync(IDictionary<string, string?> settings)
    {
        var all = GatewayHost.CalmSimulation();
        foreach (var (key, value) in settings) all[key] = value;
        var port = FreePort.Next();
        var process = LocalProcess.Start("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "Gatewayz.Api.dll"), "--environment", "Development", "--urls", $"http://127.0.0.1:{port}",
                .. all.Where(setting => setting.Value is not null).Select(setting => $"--{setting.Key}={setting.Value}")],
            workingDirectory: AppContext.BaseDirectory);
        try
        {
            await process.WaitForPortAsync(port, TimeSpan.FromSeconds(120));
        }
        catch
        {
            process.Dispose();
            throw;
        }
        return new GatewayProcess(process, port);
    }

    public HttpClient CreateHttpClient(string? apiKey) => GatewayHost.CreateHttpClient(BaseUrl, apiKey);

    /// <summary>Waits until the process also accepts connections on <paramref name="port"/> (another address it was configured with).</summary>
    public Task WaitForPortAsync(int port) => _process.WaitForPortAsync(port, TimeSpan.FromSeconds(30));

    /// <summary>SIGKILL: the process ends at once, nothing of its shutdown runs.</summary>
    public void Kill() => _process.Stop();

    /// <summary>SIGTERM, then waits for the graceful shutdown to end; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        await _process.TerminateAsync();
        return await _process.WaitForExitAsync(timeout);
    }

    public void Dispose() => _process.Dispose();
}
