using System.Text.Json;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.Health;

/// <summary>Health scores in the Redis hashes <see cref="RedisKeys.ProviderHealth"/> and <see cref="RedisKeys.ModelHealth"/>, shared by all replicas.</summary>
public sealed class HealthStore(RedisConnection redis)
{
    public async Task PublishAsync(HealthReport report)
    {
        if (redis.TryGetDatabase() is not { } database) return;
        var providers = new HashEntry[report.Providers.Count];
        for (var i = 0; i < providers.Length; i++)
        {
            var health = report.Providers[i];
            providers[i] = new HashEntry(health.Provider, Serialize(health.HealthScore, health.Status, health.LastUpdated));
        }
        var models = new HashEntry[report.Models.Count];
        for (var i = 0; i < models.Length; i++)
        {
            var health = report.Models[i];
            models[i] = new HashEntry($"{health.Provider}{RedisKeys.FieldSeparator}{health.Model}", Serialize(health.HealthScore, health.Status, health.LastUpdated));
        }
        try
        {
            await Task.WhenAll(
                database.HashSetAsync(RedisKeys.ProviderHealth, providers),
                database.HashSetAsync(RedisKeys.ModelHealth, models));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.ReportFailure(exception);
        }
    }

    /// <summary>Reads one of the two hashes (field → stored health), or null without Redis.</summary>
    public async Task<Dictionary<string, StoredHealth>?> ReadAsync(string key)
    {
        if (redis.TryGetDatabase() is not { } database) return null;
        try
        {
            var entries = await database.HashGetAllAsync(key);
            var result = new Dictionary<string, StoredHealth>(entries.Length, StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                try
                {
                    if (JsonSerializer.Deserialize<StoredHealth>(entry.Value.ToString()) is { } health)
                        result[entry.Name.ToString()] = health;
                }
                catch (JsonException)
                {
                    // Another version's entry: the local view is used for that field.
                }
            }
            return result;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.ReportFailure(exception);
            return null;
        }
    }

    private static string Serialize(double score, HealthStatus status, DateTimeOffset updated) =>
        JsonSerializer.Serialize(new StoredHealth(score, StoredHealth.StatusName(status), updated));
}
