using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Dapper;
using Gatewayz.Api.Accounts.Keys;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Gatewayz.Tests.Accounts;

/// <summary>Two replicas of one deployment (one Postgres database, one Redis): a key change on one reaches the other's auth cache.</summary>
public sealed class KeyBroadcastTests(StorageFixture storage, ITestOutputHelper output) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task A_key_revoked_on_one_replica_is_refused_by_the_other_within_a_second_not_after_its_cache_lifetime()
    {
        using var replicas = await StartReplicasAsync();
        using var admin = new AdminClient(replicas.A);
        var (keyId, onB) = await KeyCachedOnAsync(replicas.B, admin, "revoked@example.com");
        using var _onB = onB;

        await admin.RevokeKeyAsync(keyId);

        await ShouldRefuseWithinAsync(onB, TimeSpan.FromSeconds(1), "the revocation on A", "B must drop the revoked key at once, not when its 30 s cache entry expires");
    }

    [Fact]
    public async Task A_key_created_through_the_admin_api_is_announced_to_every_replica()
    {
        using var replicas = await StartReplicasAsync();
        await using var listener = await ConnectionMultiplexer.ConnectAsync(storage.Redis.ConnectionString);
        var announced = Channel.CreateUnbounded<string>();
        await listener.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.ApiKeyInvalidations),
            (_, message) => announced.Writer.TryWrite(message.ToString()));
        using var admin = new AdminClient(replicas.A);

        var (_, key) = await admin.CreateKeyAsync(await admin.CreateUserAsync("created@example.com"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        (await announced.Reader.ReadAsync(timeout.Token)).ShouldBe(ApiKeyHash.Of(key).Hex);
    }

    [Fact]
    public async Task A_key_a_replica_has_cached_as_unknown_works_there_within_a_second_once_another_replica_announces_it()
    {
        using var replicas = await StartReplicasAsync(new Dictionary<string, string?> { ["Gatewayz:Caching:UnknownApiKeySeconds"] = "60" });
        using var admin = new AdminClient(replicas.A);
        var user = await admin.CreateUserAsync("imported@example.com");
        await admin.GrantAsync(user, 5);
        var key = ApiKeyGenerator.NewKey();
        using var onB = replicas.B.CreateHttpClient(key);
        (await onB.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // The key appears in the database (as if imported); B still answers from its cache of unknown keys.
        await using (var connection = new NpgsqlConnection(replicas.Database))
            await connection.ExecuteAsync("insert into api_keys (user_id, name, key_hash) values (@user, 'imported', @hash)", new { user, hash = ApiKeyHash.Of(key).Hex });
        (await onB.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // What the admin API does after creating a key.
        await replicas.A.Services.GetRequiredService<ApiKeyInvalidations>().PublishAsync(ApiKeyHash.Of(key));

        var status = await AnswerAsync(onB, HttpStatusCode.OK, TimeSpan.FromSeconds(1));
        status.ShouldBe(HttpStatusCode.OK, "B must drop its unknown-key answer at once, not after its 60 s");
    }

    [Fact]
    public async Task A_revocation_missed_during_a_redis_outage_reaches_a_replica_once_redis_is_back()
    {
        using var replicas = await StartReplicasAsync();
        using var admin = new AdminClient(replicas.A);
        var (keyId, onB) = await KeyCachedOnAsync(replicas.B, admin, "missed@example.com");
        using var _onB = onB;

        storage.Redis.Stop();
        try
        {
            await admin.RevokeKeyAsync(keyId);
            // Nobody could tell B: it answers from its cache (for up to 30 s).
            (await onB.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await storage.Redis.RestartAsync();
        }

        await ShouldRefuseWithinAsync(onB, TimeSpan.FromSeconds(15), "Redis came back", "back on Redis, B looks its cached keys up again instead of waiting for them to expire");
    }

    [Fact]
    public async Task A_replica_started_while_redis_is_down_listens_for_key_changes_once_redis_is_up()
    {
        var database = await storage.NewDatabaseAsync();
        storage.Redis.Stop();
        GatewayHost replica;
        try
        {
            replica = AccountsGateway.StartOn(database, settings: new Dictionary<string, string?> { ["ConnectionStrings:redis"] = storage.Redis.ConnectionString });
            // Past the first connection attempt (2 s), which fails.
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await storage.Redis.RestartAsync();
        }
        using var _ = replica;
        var redis = await storage.FreshRedisAsync();

        (await Eventually.ReturnsAsync(() => ListenersAsync(redis), count => count >= 1, TimeSpan.FromSeconds(20))).ShouldBe(1);
    }

    /// <summary>Two replicas on a fresh database and a flushed Redis, once both listen for key changes.</summary>
    private async Task<Replicas> StartReplicasAsync(IDictionary<string, string?>? more = null)
    {
        var redis = await storage.FreshRedisAsync();
        var database = await storage.NewDatabaseAsync();
        var settings = new Dictionary<string, string?>(more ?? new Dictionary<string, string?>()) { ["ConnectionStrings:redis"] = storage.Redis.ConnectionString };
        var a = AccountsGateway.StartOn(database, settings: settings);
        var b = AccountsGateway.StartOn(database, settings: settings);
        var replicas = new Replicas(a, b, database);
        (await Eventually.ReturnsAsync(() => ListenersAsync(redis), count => count >= 2)).ShouldBe(2, "both replicas listen for key changes");
        return replicas;
    }

    /// <summary>A funded key made through the admin API and used once on <paramref name="replica"/>, which then has it in its auth cache (for the default 30 s).</summary>
    private static async Task<(Guid KeyId, HttpClient Client)> KeyCachedOnAsync(GatewayHost replica, AdminClient admin, string email)
    {
        var user = await admin.CreateUserAsync(email);
        await admin.GrantAsync(user, 5);
        var (keyId, key) = await admin.CreateKeyAsync(user);
        var client = replica.CreateHttpClient(key);
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (keyId, client);
    }

    /// <summary>Asks replica B until it refuses the key, for at most <paramref name="timeout"/>, and prints how long that took.</summary>
    private async Task ShouldRefuseWithinAsync(HttpClient onB, TimeSpan timeout, string after, string because)
    {
        var since = Stopwatch.StartNew();
        var status = await AnswerAsync(onB, HttpStatusCode.Unauthorized, timeout);
        output.WriteLine($"replica B answered {(int)status} {since.ElapsedMilliseconds} ms after {after}");
        status.ShouldBe(HttpStatusCode.Unauthorized, because);
    }

    /// <summary>Asks until the answer is <paramref name="expected"/> or the time is up; the last answer.</summary>
    private static Task<HttpStatusCode> AnswerAsync(HttpClient client, HttpStatusCode expected, TimeSpan timeout) =>
        Eventually.ReturnsAsync(async () => (await client.PostChatAsync()).StatusCode, answer => answer == expected, timeout);

    private static async Task<long> ListenersAsync(IDatabase redis) =>
        (long)((RedisResult[])(await redis.ExecuteAsync("PUBSUB", "NUMSUB", RedisKeys.ApiKeyInvalidations))!)[1];

    private sealed record Replicas(GatewayHost A, GatewayHost B, string Database) : IDisposable
    {
        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
        }
    }
}
