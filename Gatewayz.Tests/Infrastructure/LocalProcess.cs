using System.Diagnostics;
using System.Net.Sockets;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>A server started as a real local process for a test, and stopped by its PID.</summary>
public sealed class LocalProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringWriter _output = new();

    private LocalProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public bool HasExited => _process.HasExited;

    public static LocalProcess Start(string fileName, IEnumerable<string> arguments, string? user = null, string? workingDirectory = null,
        IEnumerable<(string Name, string Value)>? environment = null)
    {
        var info = new ProcessStartInfo(user is null ? fileName : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        if (user is not null)
        {
            foreach (var argument in new[] { "-u", user, "--", fileName }) info.ArgumentList.Add(argument);
        }
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? []) info.Environment[name] = value;

        var process = new Process { StartInfo = info };
        var local = new LocalProcess(process);
        process.OutputDataReceived += (_, line) => local.Append(line.Data);
        process.ErrorDataReceived += (_, line) => local.Append(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return local;
    }

    /// <summary>Waits until the process accepts TCP connections on the port.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited early:\n{Output}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on {port}:\n{Output}");
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGTERM to the process, as a container runtime or systemd stops a service: .NET hosts shut down
    /// gracefully. Wait for the exit with <see cref="WaitForExitAsync"/>.
    /// </summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited) return;
        using var kill = Start("kill", ["-TERM", _process.Id.ToString()]);
        (await kill.WaitForExitAsync(TimeSpan.FromSeconds(10))).ShouldBe(0, kill.Output);
    }

    /// <summary>SIGKILL to the process tree: no shutdown hooks run, nothing is cleaned up by the process itself.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
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
        Stop();
        _process.Dispose();
    }
}
