using System.Diagnostics;
using Gatewayz.Api.Auth;
using Gatewayz.RealtimeMetrics;
using StackExchange.Redis;

namespace Gatewayz.Api.Caching;

/// <summary>
/// Key changes reach every replica's auth cache at once: <see cref="PublishAsync"/> drops the key here and sends its
/// hash on a Redis channel (<see cref="RedisKeys.ApiKeyInvalidations"/>), which every replica listens to. While Redis
/// is down a change reaches the other replicas only when their entry expires (<see cref="CacheOptions.ApiKeySeconds"/>),
/// and when a Redis connection comes back every cached answer is looked up afresh, since changes may have been missed.
/// </summary>
public sealed class ApiKeyInvalidations(CachingApiKeyStore cache, RedisConnection redis, IRedisOperationObserver observer,
    ILogger<ApiKeyInvalidations> logger) : BackgroundService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisKeys.ApiKeyInvalidations);

    /// <summary>
    /// Drops the key from this replica's auth cache and tells the others. Never fails: without Redis the others
    /// follow when their entry expires.
    /// </summary>
    public async Task PublishAsync(ApiKeyHash hash)
    {
        cache.Forget(hash);
        if (redis.TryGetSubscriber() is not { } publisher)
            return;
        try
        {
            var started = Stopwatch.GetTimestamp();
            await publisher.PublishAsync(Channel, hash.Hex);
            observer.Completed(RedisOperations.ApiKeyInvalidation, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            redis.ReportFailure(exception);
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await redis.WaitForSubscriberAsync() is not { } subscriber)
            return;
        redis.ConnectionRestored += cache.ExpireAll;
        try
        {
            await subscriber.SubscribeAsync(Channel, (_, message) => OnMessage(message));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The subscription is registered all the same: the client library makes it when the connection comes up.
            logger.LogWarning("Listening for API key changes once Redis is reachable: {Reason}", exception.Message);
        }
    }

    private void OnMessage(RedisValue message)
    {
        try
        {
            cache.Forget(ApiKeyHash.FromHex(message.ToString()));
        }
        catch (FormatException)
        {
            logger.LogWarning("Ignored a message on {Channel} that is not an API key hash", RedisKeys.ApiKeyInvalidations);
        }
    }
}
