using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gatewayz.RealtimeMetrics;

/// <summary>
/// The process's one Redis multiplexer, connected in the background. Callers ask for a database and
/// get null while Redis is not configured or not reachable, so they can fall back to memory
/// (a Redis outage degrades the gateway, never breaks it); the multiplexer reconnects on its own when Redis comes back.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly Task<ConnectionMultiplexer?>? _connecting;

    public RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(options.Value.ConnectionString))
            _connecting = ConnectAsync(options.Value.ConnectionString);
    }

    public bool IsConfigured => _connecting is not null;

    /// <summary>Raised when an operation found Redis unreachable (for the failure counter).</summary>
    public event Action? ConnectionFailed;

    /// <summary>Raised when a connection to Redis is re-established; messages published while it was down were missed.</summary>
    public event Action? ConnectionRestored;

    /// <summary>The database when Redis is connected right now, otherwise null.</summary>
    public IDatabase? TryGetDatabase() => Connected()?.GetDatabase();

    /// <summary>The publisher when Redis is connected right now, otherwise null.</summary>
    public ISubscriber? TryGetSubscriber() => Connected()?.GetSubscriber();

    /// <summary>
    /// The subscriber once the first connection attempt is over, connected or not (the client library subscribes
    /// again on every reconnection); null when Redis is not configured or its connection string is unusable.
    /// </summary>
    public async Task<ISubscriber?> WaitForSubscriberAsync() =>
        _connecting is null ? null : (await _connecting)?.GetSubscriber();

    /// <summary>Waits for the first connection attempt (tests and start-up checks).</summary>
    public async Task<bool> WaitUntilConnectedAsync(TimeSpan timeout)
    {
        if (_connecting is null) return false;
        var deadline = DateTime.UtcNow + timeout;
        var multiplexer = await _connecting.WaitAsync(timeout);
        while (multiplexer is { IsConnected: false } && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return multiplexer?.IsConnected == true;
    }

    private ConnectionMultiplexer? Connected()
    {
        if (_connecting is not { IsCompletedSuccessfully: true, Result: { } multiplexer })
            return null;
        if (!multiplexer.IsConnected)
        {
            ConnectionFailed?.Invoke();
            return null;
        }
        return multiplexer;
    }

    public void ReportFailure(Exception exception)
    {
        _logger.LogWarning("Redis operation failed, using the in-memory fallback: {Reason}", exception.Message);
        ConnectionFailed?.Invoke();
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync(string connectionString)
    {
        var configuration = ConfigurationOptions.Parse(connectionString);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 1000;
        configuration.AsyncTimeout = 1000;
        configuration.ConnectRetry = 1;
        try
        {
            var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
            multiplexer.ConnectionRestored += (_, _) => ConnectionRestored?.Invoke();
            return multiplexer;
        }
        catch (Exception exception)
        {
            _logger.LogError(exception, "Redis connection string is unusable; running on in-memory state.");
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting is { IsCompletedSuccessfully: true, Result: { } multiplexer })
            await multiplexer.DisposeAsync();
    }
}
