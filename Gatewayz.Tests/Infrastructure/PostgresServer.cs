namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 server on a free loopback port, run as the <c>postgres</c> user because
/// Postgres refuses to run as root. Each test class gets its own cluster in a temporary directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;
    private LocalProcess? _process;

    private PostgresServer(string directory, int port)
    {
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Timeout=30";

    public static async Task<PostgresServer> StartAsync()
    {
        var directory = Path.Combine("/tmp", "gwz-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        await RunAsync("chmod", ["755", directory]);
        await RunAsync("chown", ["postgres:postgres", directory]);
        await RunAsync("runuser", ["-u", "postgres", "--", $"{Binaries}/initdb", "-D", $"{directory}/data", "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        var server = new PostgresServer(directory, FreePort.Next());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        Stop();
        _process = LocalProcess.Start($"{Binaries}/postgres",
            ["-D", $"{_directory}/data", "-p", Port.ToString(), "-k", _directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
             "-c", "synchronous_commit=off", "-c", "full_page_writes=off"], user: "postgres");
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(20));
    }

    /// <summary>
    /// Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>: no shutdown checkpoint, recovery at
    /// the next start) and waits until the postmaster is gone, so that <see cref="RestartAsync"/> can follow.
    /// </summary>
    public async Task StopImmediatelyAsync()
    {
        await RunAsync("runuser", ["-u", "postgres", "--", $"{Binaries}/pg_ctl", "-D", $"{_directory}/data", "-m", "immediate", "-w", "stop"]);
        Stop();
    }

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        using var process = LocalProcess.Start(fileName, arguments);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        if (!process.HasExited) throw new TimeoutException($"{fileName} did not finish:\n{process.Output}");
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
