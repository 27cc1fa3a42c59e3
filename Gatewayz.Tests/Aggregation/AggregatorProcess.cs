using System.Diagnostics;

namespace Gatewayz.Tests.Aggregation;

/// <summary>The built aggregator run as a real process: <c>dotnet Gatewayz.Aggregator.dll --once</c>.</summary>
public sealed class AggregatorProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private AggregatorProcess(Process process) => _process = process;

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public static AggregatorProcess StartOnce(string postgres, string redis, int retentionHours)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "Gatewayz.Aggregator.dll"), "--once",
            $"--ConnectionStrings:gatewayz={postgres};Application Name=gatewayz-aggregator",
            $"--ConnectionStrings:redis={redis}",
            $"--METRICS_REDIS_RETENTION_HOURS={retentionHours}",
        })
            info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        var started = new AggregatorProcess(process);
        process.OutputDataReceived += (_, line) => started.Append(line.Data);
        process.ErrorDataReceived += (_, line) => started.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks, no rollback by the process itself.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.WriteLine(line);
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
