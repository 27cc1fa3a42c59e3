using Gatewayz.Api.Auth;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Options;
using Prometheus;
using StackExchange.Redis;

namespace Gatewayz.Api.RateLimiting;

/// <summary>
/// Admits a request against its key's and its user's per-minute request and token budgets, in Redis
/// when it is reachable (so replicas share the budgets) and in memory otherwise. A refused request
/// ends as a 429 with <c>Retry-After</c> in the caller's API format and counts in
/// <c>gatewayz_rate_limit_hits_total{limit_type}</c>.
/// </summary>
public sealed class RateLimiter
{
    private readonly RedisConnection _redis;
    private readonly RateLimitPolicyCache _policies;
    private readonly TimeProvider _time;
    private readonly bool _enabled;
    private readonly RedisRateLimitCounters _redisCounters;
    private readonly InMemoryRateLimitCounters _memory = new();
    private readonly Counter.Child[] _hits;

    internal RateLimitHeadroom Headroom { get; }

    public RateLimiter(RedisConnection redis, IRedisOperationObserver observer, RateLimitPolicyCache policies, GatewayMetrics metrics,
        RateLimitHeadroom headroom, TimeProvider time, IOptions<RateLimitOptions> options)
    {
        _redis = redis;
        _policies = policies;
        _time = time;
        _enabled = options.Value.Enabled;
        _redisCounters = new RedisRateLimitCounters(observer);
        Headroom = headroom;
        _hits = new Counter.Child[LimitTypes.Count];
        for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
        {
            _hits[(int)type] = metrics.RateLimitHits.WithLabels(LimitTypes.LabelOf(type));
            _hits[(int)type].Publish();
        }
    }

    /// <summary>Takes one request and <paramref name="estimatedTokens"/> tokens from the budgets, or throws the 429.</summary>
    public async ValueTask<RateLimitTicket> AcquireAsync(ClientIdentity client, long estimatedTokens, CancellationToken cancellationToken)
    {
        if (!_enabled) return default;
        using var labels = ProfilingLabels.Enter(CacheLayer.RateLimit);
        var policy = await _policies.GetAsync(client, cancellationToken);
        var now = _time.GetUtcNow();
        var request = new RateLimitRequest(client, policy, RateLimitWindow.StartOf(now), estimatedTokens);

        LimitType? refused;
        var inRedis = false;
        if (_redis.TryGetDatabase() is { } database)
        {
            if (Headroom.TryAdmit(request))
                return new RateLimitTicket(request, CountedInRedis: false, AdmittedLocally: true);
            var unsynced = Headroom.TakeUnsynced(request);
            try
            {
                var totals = new long[LimitTypes.Count];
                refused = await _redisCounters.TryAcquireAsync(database, request, unsynced, totals);
                if (refused is null) Headroom.Learn(request, totals, unsynced);
                else Headroom.Forget(request, unsynced, refused.Value);
                inRedis = true;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                Headroom.Restore(request, unsynced);
                _redis.ReportFailure(exception);
                refused = _memory.TryAcquire(request);
            }
        }
        else
        {
            refused = _memory.TryAcquire(request);
        }

        if (refused is { } type)
        {
            _hits[(int)type].Inc();
            throw new GatewayException(RateLimitErrors.Exceeded(type, policy.LimitOf(type), RateLimitWindow.UntilEnd(request.WindowStart, now)));
        }
        return new RateLimitTicket(request, inRedis);
    }

    /// <summary>Replaces the admission estimate with the tokens the request really used (cheap: one fire-and-forget command).</summary>
    public void Settle(in RateLimitTicket ticket, long actualTokens)
    {
        var delta = actualTokens - ticket.Request.Tokens;
        if (!ticket.IsActive || delta == 0) return;
        if (ticket.AdmittedLocally)
        {
            Headroom.AdjustTokens(ticket.Request, delta);
            return;
        }
        if (!ticket.CountedInRedis)
        {
            _memory.AdjustTokens(ticket.Request, delta);
            return;
        }
        try
        {
            if (_redis.TryGetDatabase() is { } database) RedisRateLimitCounters.AdjustTokens(database, ticket.Request, delta);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            _redis.ReportFailure(exception);
        }
    }
}
