using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace Gatewayz.RealtimeMetrics;

/// <summary>
/// Reads the real-time hours straight from Redis in the documented layout. Unlike the gateway's
/// store it never falls back to memory: an unreachable Redis must fail the pass, not look empty.
/// </summary>
public sealed class RedisHourReader(RedisConnection connection) : IRealtimeMetricsReader
{
    private static readonly JsonSerializerOptions ErrorJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public async Task<IReadOnlyList<DateTimeOffset>> ListHoursAsync(CancellationToken cancellationToken)
    {
        var names = await Database().SetMembersAsync(RedisKeys.Hours);
        return [.. names.Select(name => RealtimeHours.Parse(name!)).Order()];
    }

    public async Task<IReadOnlyList<HourlyCounters>> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var database = Database();
        var name = RealtimeHours.Name(hour);
        var counters = database.HashGetAllAsync(RedisKeys.HourCounters(name));
        var latency = database.HashGetAllAsync(RedisKeys.HourLatency(name));
        var series = new Dictionary<(string Provider, string Model), SeriesTotals>();
        foreach (var entry in await counters)
        {
            if (Split(entry.Name!) is not var (provider, model, counter)) continue;
            Totals(series, provider, model).Add(counter, (long)entry.Value);
        }
        foreach (var entry in await latency)
        {
            if (Split(entry.Name!) is not var (provider, model, bucket)) continue;
            Totals(series, provider, model).Latency.Add(int.Parse(bucket, CultureInfo.InvariantCulture), (long)entry.Value);
        }
        return [.. series.Select(pair => pair.Value.ToCounters(RealtimeHours.Truncate(hour), pair.Key.Provider, pair.Key.Model))];
    }

    public async Task DeleteHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var database = Database();
        var name = RealtimeHours.Name(hour);
        var transaction = database.CreateTransaction();
        _ = transaction.KeyDeleteAsync([RedisKeys.HourCounters(name), RedisKeys.HourLatency(name)]);
        _ = transaction.SetRemoveAsync(RedisKeys.Hours, name);
        await transaction.ExecuteAsync();
    }

    public async Task<IReadOnlyList<RecentError>> ReadRecentErrorsAsync(string provider, int limit, CancellationToken cancellationToken)
    {
        var entries = await Database().ListRangeAsync(RedisKeys.RecentErrors(provider), 0, limit - 1);
        return [.. entries.Select(entry => JsonSerializer.Deserialize<RecentError>(entry.ToString(), ErrorJson)!)];
    }

    private IDatabase Database() =>
        connection.TryGetDatabase() ?? throw new InvalidOperationException("Redis is not reachable.");

    private static (string Provider, string Model, string Last)? Split(string field)
    {
        var first = field.IndexOf(RedisKeys.FieldSeparator);
        var last = field.LastIndexOf(RedisKeys.FieldSeparator);
        if (first < 0 || last <= first) return null;
        return (field[..first], field[(first + 1)..last], field[(last + 1)..]);
    }

    private static SeriesTotals Totals(Dictionary<(string, string), SeriesTotals> series, string provider, string model)
    {
        if (!series.TryGetValue((provider, model), out var totals))
            series[(provider, model)] = totals = new SeriesTotals();
        return totals;
    }
}
