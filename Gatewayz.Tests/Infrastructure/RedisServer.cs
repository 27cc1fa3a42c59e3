namespace Gatewayz.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, which a test can stop and restart on the same port.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("gwz-redis-").FullName;
    private LocalProcess? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The connection string as Aspire would pass it (<c>ConnectionStrings:redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePort.Next());
        await server.RestartAsync();
        return server;
    }

    public async Task RestartAsync()
    {
        Stop();
        _process = LocalProcess.Start("redis-server",
            ["--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", _directory]);
        await _process.WaitForPortAsync(Port, TimeSpan.FromSeconds(10));
    }

    public void Stop()
    {
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}
