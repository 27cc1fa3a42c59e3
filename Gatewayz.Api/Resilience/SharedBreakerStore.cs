using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Shares breaker state between replicas through the Redis hash <see cref="RedisKeys.CircuitBreakers"/>:
/// each replica writes its own transitions and reads the others' on the health monitor's timer.
/// Without Redis every replica runs on its own breakers: a Redis outage degrades sharing, never serving.
/// </summary>
public sealed class SharedBreakerStore(RedisConnection redis)
{
    /// <summary>Tells this replica's entries from the others' (several gateways may share a host or a process).</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public void Publish(RouteResilience route)
    {
        if (redis.TryGetDatabase() is not { } database) return;
        _ = WriteAsync(database, route.Key, JsonSerializer.Serialize(route.LocalState(Instance)));
    }

    /// <summary>Takes the other replicas' view of every route; forgets it when Redis cannot be read.</summary>
    public async Task SyncAsync(IReadOnlyList<RouteResilience> routes)
    {
        var shared = await ReadAllAsync();
        foreach (var route in routes)
        {
            route.Remote = shared is not null && shared.TryGetValue(route.Key, out var state) && state.Instance != Instance
                ? state
                : null;
        }
    }

    /// <summary>Every route's last shared state by <c>{provider}|{model}</c>, or null without Redis.</summary>
    public async Task<Dictionary<string, SharedBreakerState>?> ReadAllAsync()
    {
        if (redis.TryGetDatabase() is not { } database) return null;
        try
        {
            var entries = await database.HashGetAllAsync(RedisKeys.CircuitBreakers);
            var states = new Dictionary<string, SharedBreakerState>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                if (TryRead(entry.Value, out var state))
                    states[entry.Name.ToString()] = state;
            }
            return states;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.ReportFailure(exception);
            return null;
        }
    }

    private async Task WriteAsync(IDatabase database, string field, string json)
    {
        try
        {
            await database.HashSetAsync(RedisKeys.CircuitBreakers, field, json);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.ReportFailure(exception);
        }
    }

    private static bool TryRead(RedisValue value, out SharedBreakerState state)
    {
        try
        {
            state = JsonSerializer.Deserialize<SharedBreakerState>(value.ToString())!;
            return state is not null;
        }
        catch (JsonException)
        {
            state = null!;
            return false;
        }
    }
}
