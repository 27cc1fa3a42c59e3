using System.Net;
using System.Text;
using Gatewayz.Api.Caching;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.RealTime;
using StackExchange.Redis;

namespace Gatewayz.Tests.Caching;

public sealed class ResponseCacheTests
{
    private static readonly Dictionary<string, string> CacheOn = new() { [ResponseCache.HeaderName] = "on" };

    [Fact]
    public async Task An_identical_opted_in_request_is_served_from_redis_without_calling_the_provider()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis);
        using var client = host.CreateHttpClient();

        using var first = await client.PostChatAsync(headers: CacheOn);
        using var second = await client.PostChatAsync(headers: CacheOn);

        first.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["miss"]);
        second.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["hit"]);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total").ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_cache_hits_total", ("cache_layer", "response_cache")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_cache_misses_total", ("cache_layer", "response_cache")).ShouldBe(1);
        var server = (await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString)).GetServer(redis.ConnectionString);
        server.Keys(pattern: RedisKeys.ResponseCache("*")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Property_order_does_not_matter_but_content_does()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();

        await SendRawAsync(client, """{"model":"openai/gpt-4o-mini","temperature":0.5,"messages":[{"role":"user","content":"Hi"}]}""");
        using var reordered = await SendRawAsync(client, """{"messages":[{"content":"Hi","role":"user"}],"temperature":0.5,"model":"OpenAI/GPT-4o-mini"}""");
        using var different = await SendRawAsync(client, """{"model":"openai/gpt-4o-mini","temperature":0.5,"messages":[{"role":"user","content":"Hi!"}]}""");

        reordered.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["hit"]);
        different.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["miss"]);
    }

    [Fact]
    public async Task Without_the_header_nothing_is_cached_and_streams_never_are()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();

        using var plain = await client.PostChatAsync();
        using var again = await client.PostChatAsync();
        using var stream = await client.PostChatAsync(stream: true, headers: CacheOn);

        plain.Headers.Contains(ResponseCache.HeaderName).ShouldBeFalse();
        again.Headers.Contains(ResponseCache.HeaderName).ShouldBeFalse();
        stream.Headers.Contains(ResponseCache.HeaderName).ShouldBeFalse();
        MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_inference_requests_total").ShouldBe(3);
    }

    [Fact]
    public async Task A_cache_hit_still_needs_a_valid_key_and_still_counts_against_the_rate_limit()
    {
        using var host = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "2" });
        using var client = host.CreateHttpClient();
        using var stranger = host.CreateHttpClient("gwz-not-a-real-key-000000");
        await RateLimiting.RateLimitWindowGuard.EnsureSecondsLeftAsync();

        (await client.PostChatAsync(headers: CacheOn)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stranger.PostChatAsync(headers: CacheOn)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostChatAsync(headers: CacheOn)).Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["hit"]);
        (await client.PostChatAsync(headers: CacheOn)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task The_cache_is_per_user_so_one_user_never_receives_another_users_answer()
    {
        const string otherUsersKey = "gwz-other-user-key-0003";
        using var host = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:ApiKeys:1:Key"] = otherUsersKey,
            ["Gatewayz:ApiKeys:1:UserId"] = "someone-else",
        });
        using var dev = host.CreateHttpClient();
        using var other = host.CreateHttpClient(otherUsersKey);

        await dev.PostChatAsync(headers: CacheOn);
        using var response = await other.PostChatAsync(headers: CacheOn);

        response.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["miss"]);
    }

    [Fact]
    public async Task With_redis_stopped_the_cache_falls_back_to_memory()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis);
        using var client = host.CreateHttpClient();
        redis.Stop();

        (await client.PostChatAsync(headers: CacheOn)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var second = await client.PostChatAsync(headers: CacheOn);

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues(ResponseCache.HeaderName).ShouldBe(["hit"]);
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(ResponseCache.HeaderName, "on");
        return client.SendAsync(request);
    }
}
