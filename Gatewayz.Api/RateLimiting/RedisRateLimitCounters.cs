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
    private const string AcquireScript = """
        local n = #KEYS
        for i = 1, n do
          local current = tonumber(redis.call('GET', KEYS[i]) or '0')
          if current + tonumber(ARGV[i]) > tonumber(ARGV[n + i]) then return i end
        end
        for i = 1, n do
          if redis.call('INCRBY', KEYS[i], ARGV[i]) == tonumber(ARGV[i]) then
            redis.call('EXPIRE', KEYS[i], ARGV[2 * n + 1])
          end
        end
        return 0
        """;

    // A window's keys outlive it briefly, for clock skew between replicas.
    private const int KeySeconds = RateLimitWindow.Seconds * 2;

    /// <returns>The first limit without room, or null when the request was admitted and counted.</returns>
    public async ValueTask<LimitType?> TryAcquireAsync(IDatabase database, RateLimitRequest request)
    {
        var keys = new RedisKey[LimitTypes.Count];
        var values = new RedisValue[LimitTypes.Count * 2 + 1];
        for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
        {
            var i = (int)type;
            keys[i] = Key(request, type);
            values[i] = request.AmountOf(type);
            values[LimitTypes.Count + i] = request.Policy.LimitOf(type);
        }
        values[^1] = KeySeconds;

        var started = Stopwatch.GetTimestamp();
        var refused = (int)await database.ScriptEvaluateAsync(AcquireScript, keys, values);
        observer.Completed(RedisOperations.RateLimit, Stopwatch.GetElapsedTime(started));
        return refused == 0 ? null : (LimitType)(refused - 1);
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
