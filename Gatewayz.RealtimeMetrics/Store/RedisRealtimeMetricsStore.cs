using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>
/// The real-time store in Redis, in the key layout of <see cref="RedisKeys"/>. Every method throws a
/// <see cref="RedisException"/> when Redis is unreachable (the aggregator must know the difference
/// between "no data" and "no Redis"); <see cref="RealtimeMetricsStore"/> is the forgiving facade.
/// </summary>
public sealed class RedisRealtimeMetricsStore(RedisConnection connection, IOptions<RedisOptions> options, IRedisOperationObserver? observer = null)
    : IRealtimeMetricsReader
{
    private const string Requests = "requests", Successes = "successes", Failures = "failures",
        TokensIn = "tokens_in", TokensOut = "tokens_out", CostMicros = "cost_micros", ErrorPrefix = "err:";

    private readonly TimeSpan _ttl = RealtimeRetention.SafetyTtl(options.Value.RetentionHours);

    /// <summary>Writes a batch in one MULTI/EXEC round trip: all of it counts, or none of it.</summary>
    internal async Task WriteAsync(RealtimeBatch batch)
    {
        var database = Database();
        var started = Stopwatch.GetTimestamp();
        var transaction = database.CreateTransaction();
        var queued = new List<Task>(batch.Series.Count * 8);
        var hours = new HashSet<DateTimeOffset>();
        foreach (var (key, counters) in batch.Series)
        {
            var hour = RealtimeHours.Name(key.Hour);
            var countersKey = RedisKeys.HourCounters(hour);
            if (hours.Add(key.Hour)) queued.Add(transaction.SetAddAsync(RedisKeys.Hours, hour));
            Increment(Requests, counters.Requests);
            Increment(Successes, counters.Successes);
            Increment(Failures, counters.Failures);
            Increment(TokensIn, counters.InputTokens);
            Increment(TokensOut, counters.OutputTokens);
            Increment(CostMicros, counters.CostMicros);
            foreach (var (type, count) in counters.ErrorsByType) Increment(ErrorPrefix + type, count);
            foreach (var (bucket, count) in counters.Latency.Counts)
            {
                queued.Add(transaction.HashIncrementAsync(RedisKeys.HourLatency(hour),
                    RedisKeys.Field(key.Provider, key.Model, bucket.ToString(CultureInfo.InvariantCulture)), count));
            }

            void Increment(string counter, long value)
            {
                if (value != 0) queued.Add(transaction.HashIncrementAsync(countersKey, RedisKeys.Field(key.Provider, key.Model, counter), value));
            }
        }
        // The TTL is renewed on every write, after the HINCRBYs that may have created the keys.
        if (hours.Count > 0) queued.Add(transaction.KeyExpireAsync(RedisKeys.Hours, _ttl));
        foreach (var hour in hours)
        {
            var name = RealtimeHours.Name(hour);
            queued.Add(transaction.KeyExpireAsync(RedisKeys.HourCounters(name), _ttl));
            queued.Add(transaction.KeyExpireAsync(RedisKeys.HourLatency(name), _ttl));
        }
        foreach (var (provider, errors) in batch.Errors)
        {
            var key = RedisKeys.RecentErrors(provider);
            foreach (var error in errors) queued.Add(transaction.ListLeftPushAsync(key, RecentErrorJson.Write(error)));
            queued.Add(transaction.ListTrimAsync(key, 0, RealtimeBatch.ErrorsPerProvider - 1));
            queued.Add(transaction.KeyExpireAsync(key, _ttl));
        }

        if (!await transaction.ExecuteAsync())
            throw new RedisException("The real-time metrics transaction was not executed.");
        await Task.WhenAll(queued);
        Observe(RedisOperations.RealtimeFlush, started);
    }

    public async Task<IReadOnlyList<DateTimeOffset>> ListHoursAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var members = await Database().SetMembersAsync(RedisKeys.Hours);
        Observe(RedisOperations.RealtimeRead, started);
        var hours = new List<DateTimeOffset>(members.Length);
        foreach (var member in members)
        {
            if (DateTimeOffset.TryParseExact(member.ToString(), RealtimeHours.Format, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour))
                hours.Add(hour);
        }
        hours.Sort();
        return hours;
    }

    public async Task<IReadOnlyList<HourlyCounters>> ReadHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var truncated = RealtimeHours.Truncate(hour);
        var name = RealtimeHours.Name(truncated);
        var database = Database();
        var started = Stopwatch.GetTimestamp();
        var countersTask = database.HashGetAllAsync(RedisKeys.HourCounters(name));
        var latencyTask = database.HashGetAllAsync(RedisKeys.HourLatency(name));
        var (counterEntries, latencyEntries) = (await countersTask, await latencyTask);
        Observe(RedisOperations.RealtimeRead, started);

        var batch = new RealtimeBatch();
        foreach (var entry in counterEntries)
        {
            if (!TrySplit(entry.Name.ToString(), out var provider, out var model, out var counter)) continue;
            var accumulator = batch.SeriesFor(new SeriesKey(truncated, provider, model));
            var value = (long)entry.Value;
            switch (counter)
            {
                case Requests: accumulator.Requests += value; break;
                case Successes: accumulator.Successes += value; break;
                case Failures: accumulator.Failures += value; break;
                case TokensIn: accumulator.InputTokens += value; break;
                case TokensOut: accumulator.OutputTokens += value; break;
                case CostMicros: accumulator.CostMicros += value; break;
                default:
                    if (counter.StartsWith(ErrorPrefix, StringComparison.Ordinal))
                        accumulator.ErrorsByType[counter[ErrorPrefix.Length..]] = value;
                    break;
            }
        }
        foreach (var entry in latencyEntries)
        {
            if (TrySplit(entry.Name.ToString(), out var provider, out var model, out var bucketText)
                && int.TryParse(bucketText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bucket))
                batch.SeriesFor(new SeriesKey(truncated, provider, model)).Latency.Add(bucket, (long)entry.Value);
        }

        var result = new List<HourlyCounters>(batch.Series.Count);
        foreach (var (key, accumulator) in batch.Series) result.Add(accumulator.ToCounters(key));
        return result;
    }

    public async Task DeleteHourAsync(DateTimeOffset hour, CancellationToken cancellationToken)
    {
        var name = RealtimeHours.Name(hour);
        var database = Database();
        var started = Stopwatch.GetTimestamp();
        await database.KeyDeleteAsync([RedisKeys.HourCounters(name), RedisKeys.HourLatency(name)]);
        await database.SetRemoveAsync(RedisKeys.Hours, name);
        Observe(RedisOperations.RealtimeDelete, started);
    }

    public async Task<IReadOnlyList<RecentError>> ReadRecentErrorsAsync(string provider, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return [];
        var started = Stopwatch.GetTimestamp();
        var entries = await Database().ListRangeAsync(RedisKeys.RecentErrors(provider), 0, limit - 1);
        Observe(RedisOperations.RealtimeRead, started);
        var errors = new List<RecentError>(entries.Length);
        foreach (var entry in entries)
        {
            if (RecentErrorJson.Read((byte[])entry!) is { } error) errors.Add(error);
        }
        return errors;
    }

    private IDatabase Database() =>
        connection.TryGetDatabase() ?? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "Redis is not connected.", null, CommandStatus.Unknown);

    private void Observe(string operation, long started) => observer?.Completed(operation, Stopwatch.GetElapsedTime(started));

    /// <summary>Fields are <c>{provider}|{model}|{counter}</c>; the model sits between the first and the last separator.</summary>
    private static bool TrySplit(string field, out string provider, out string model, out string last)
    {
        var first = field.IndexOf(RedisKeys.FieldSeparator);
        var final = field.LastIndexOf(RedisKeys.FieldSeparator);
        if (first < 0 || final <= first)
        {
            provider = model = last = "";
            return false;
        }
        provider = field[..first];
        model = field[(first + 1)..final];
        last = field[(final + 1)..];
        return true;
    }
}
