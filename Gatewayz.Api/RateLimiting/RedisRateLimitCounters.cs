using System.Diagnostics;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// The counters in Redis, shared by every replica: one Lua script checks the four budgets and takes
/// from all of them only if each has room, in a single round trip. Keys expire with their window.
/// </summary>
internal sealed class RedisRateLimitCounters(IRedisOperationObserver observer)
{
    // ARGV: the request's amounts (n), the limits (n), what this replica admitted locally and has not
    // written yet (n, added first, whatever the outcome), the keys' lifetime.
    private const string AcquireScript = """
        local n = #KEYS
        for i = 1, n do
          local unsynced = tonumber(ARGV[2 * n + i])
          if unsynced ~= 0 and redis.call('INCRBY', KEYS[i], unsynced) == unsynced then
            redis.call('EXPIRE', KEYS[i], ARGV[3 * n + 1])
          end
        end
        for i = 1, n do
          local current = tonumber(redis.call('GET', KEYS[i]) or '0')
          if current + tonumber(ARGV[i]) > tonumber(ARGV[n + i]) then return i end
        end
        local totals = {0}
        for i = 1, n do
          local total = redis.call('INCRBY', KEYS[i], ARGV[i])
          if total == tonumber(ARGV[i]) then
            redis.call('EXPIRE', KEYS[i], ARGV[3 * n + 1])
          end
          totals[i + 1] = total
        end
        return totals
        """;

    // A window's keys outlive it briefly, for clock skew between replicas.
    private const int KeySeconds = RateLimitWindow.Seconds * 2;

    /// <returns>The first limit without room, or null when the request was admitted and counted (then
    /// <paramref name="totals"/> holds each budget's new total).</returns>
    public async ValueTask<LimitType?> TryAcquireAsync(IDatabase database, RateLimitRequest request, long[] unsynced, long[] totals)
    {
        var keys = new RedisKey[LimitTypes.Count];
        var values = new RedisValue[LimitTypes.Count * 3 + 1];
        for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
        {
            var i = (int)type;
            keys[i] = Key(request, type);
            values[i] = request.AmountOf(type);
            values[LimitTypes.Count + i] = request.Policy.LimitOf(type);
            values[LimitTypes.Count * 2 + i] = unsynced[i];
        }
        values[^1] = KeySeconds;

        var started = Stopwatch.GetTimestamp();
        var result = await database.ScriptEvaluateAsync(AcquireScript, keys, values);
        observer.Completed(RedisOperations.RateLimit, Stopwatch.GetElapsedTime(started));
        if (result.Resp2Type != ResultType.Array)
            return (LimitType)((int)result - 1);
        var replies = (RedisResult[])result!;
        for (var i = 0; i < totals.Length; i++) totals[i] = (long)replies[i + 1];
        return null;
    }

    /// <summary>Adds locally admitted amounts to their counters in one pipelined batch; returns the new totals.</summary>
    public static async Task<long[]> IncrementAsync(IDatabase database, List<PendingIncrement> increments)
    {
        var batch = database.CreateBatch();
        var totals = new Task<long>[increments.Count];
        for (var i = 0; i < increments.Count; i++)
        {
            var increment = increments[i];
            var key = (RedisKey)RedisKeys.RateLimit(LimitTypes.LabelOf(increment.Type), increment.Subject, increment.Window);
            totals[i] = batch.StringIncrementAsync(key, increment.Amount);
            _ = batch.KeyExpireAsync(key, TimeSpan.FromSeconds(KeySeconds), ExpireWhen.HasNoExpiry);
        }
        batch.Execute();
        return await Task.WhenAll(totals);
    }

    /// <summary>Corrects the token counters of an admitted request by <paramref name="tokenDelta"/> (real usage − estimate).</summary>
    public static void AdjustTokens(IDatabase database, RateLimitRequest request, long tokenDelta)
    {
        database.StringIncrement(Key(request, LimitType.KeyTokens), tokenDelta, CommandFlags.FireAndForget);
        database.StringIncrement(Key(request, LimitType.UserTokens), tokenDelta, CommandFlags.FireAndForget);
    }

    private static RedisKey Key(RateLimitRequest request, LimitType type) =>
        RedisKeys.RateLimit(LimitTypes.LabelOf(type), request.SubjectOf(type), request.WindowStart);
}
