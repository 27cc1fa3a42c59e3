namespace Gatewayz.Api.RateLimiting;

/// <summary>The counters of one process, used without Redis or while it is unreachable.</summary>
internal sealed class InMemoryRateLimitCounters
{
    private const int SweepAbove = 50_000;
    private readonly Lock _lock = new();
    private readonly Dictionary<(LimitType Type, string Subject, long Window), long> _counts = [];

    /// <returns>The first limit without room, or null when the request was admitted and counted.</returns>
    public LimitType? TryAcquire(RateLimitRequest request)
    {
        lock (_lock)
        {
            if (_counts.Count > SweepAbove) Sweep(request.WindowStart);
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                if (_counts.GetValueOrDefault(Key(request, type)) + request.AmountOf(type) > request.Policy.LimitOf(type))
                    return type;
            }
            for (var type = LimitType.KeyRequests; type <= LimitType.UserTokens; type++)
            {
                var key = Key(request, type);
                _counts[key] = _counts.GetValueOrDefault(key) + request.AmountOf(type);
            }
        }
        return null;
    }

    public void AdjustTokens(RateLimitRequest request, long tokenDelta)
    {
        lock (_lock)
        {
            foreach (var type in (ReadOnlySpan<LimitType>)[LimitType.KeyTokens, LimitType.UserTokens])
            {
                var key = Key(request, type);
                if (_counts.TryGetValue(key, out var count)) _counts[key] = count + tokenDelta;
            }
        }
    }

    private static (LimitType, string, long) Key(RateLimitRequest request, LimitType type) => (type, request.SubjectOf(type), request.WindowStart);

    private void Sweep(long currentWindow)
    {
        foreach (var key in _counts.Keys)
        {
            if (key.Window < currentWindow) _counts.Remove(key);
        }
    }
}
