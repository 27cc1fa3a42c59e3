using Gatewayz.Api.Caching;
using Gatewayz.RealtimeMetrics;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Responses;

/// <summary>
/// The Responses API's stored responses, by response id, for <see cref="ResponsesOptions.StoreSeconds"/>: in Redis
/// when it is configured and reachable (every replica can continue a conversation), in the replica's memory otherwise
/// (<see cref="ExpiringBlobStore"/>, the response cache's store) — Redis down never fails a request. A response belongs
/// to the user whose key created it: to anyone else it does not exist.
/// </summary>
public sealed class ResponseStore(RedisConnection redis, IRedisOperationObserver observer, TimeProvider time, IOptions<ResponsesOptions> options)
{
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(options.Value.StoreSeconds);

    private readonly ExpiringBlobStore _responses = new(redis, observer, time,
        new(RedisOperations.ResponseStoreGet, RedisOperations.ResponseStoreSet, RedisOperations.ResponseStoreDelete), options.Value.StoreMemoryEntries);

    /// <summary>The response <paramref name="id"/> if <paramref name="owner"/> stored it and it has not expired; otherwise null.</summary>
    public async Task<StoredResponse?> FindAsync(string id, string owner) =>
        await _responses.GetAsync(RedisKeys.StoredResponse(id)) is { } stored
            && StoredResponse.Deserialize(stored) is { } response && response.Owner == owner
            ? response
            : null;

    /// <summary>Keeps a response (<see cref="StoredResponse.Serialize"/>) under its id, and waits until it is kept.</summary>
    public Task KeepAsync(string id, byte[] stored) => _responses.SetAsync(RedisKeys.StoredResponse(id), stored, _lifetime);

    /// <summary>Deletes the response <paramref name="id"/> of <paramref name="owner"/>; false when they have none of that id.</summary>
    public async Task<bool> DeleteAsync(string id, string owner) =>
        await FindAsync(id, owner) is not null && await _responses.DeleteAsync(RedisKeys.StoredResponse(id));
}
