using System.Net;
using System.Text.Json;
using Gatewayz.Api.Auth;
using Gatewayz.Api.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.RealTime;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.RateLimiting;

public sealed class RateLimitTests
{
    private const string SecondKey = "gwz-second-key-of-dev-0002";

    [Fact]
    public async Task The_request_after_the_key_budget_is_a_429_with_retry_after_in_the_openai_format_and_is_counted()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis, Limits(keyRequests: 3));
        using var client = host.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        for (var i = 0; i < 3; i++) (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refused = await client.PostChatAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 60);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("rate_limit_error");
        body.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("rate_limit_exceeded");
        (await client.GetAsync("/v1/models")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_rate_limit_hits_total", ("limit_type", "key_requests")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_rate_limit_hits_total", ("limit_type", "user_tokens")).ShouldBe(0);
    }

    [Fact]
    public async Task The_messages_endpoint_refuses_in_the_anthropic_format()
    {
        using var host = GatewayHost.Start(Limits(keyRequests: 1));
        using var client = host.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        (await client.PostMessagesAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var refused = await client.PostMessagesAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("type").GetString().ShouldBe("error");
        body.RootElement.GetProperty("error").GetProperty("type").GetString().ShouldBe("rate_limit_error");
    }

    [Fact]
    public async Task Two_replicas_on_one_redis_share_a_key_budget()
    {
        await using var redis = await RedisServer.StartAsync();
        using var first = await ChatRequests.StartWithRedisAsync(redis, Limits(keyRequests: 4));
        using var second = await ChatRequests.StartWithRedisAsync(redis, Limits(keyRequests: 4));
        using var firstClient = first.CreateHttpClient();
        using var secondClient = second.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        for (var i = 0; i < 2; i++)
        {
            (await firstClient.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await secondClient.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await firstClient.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await secondClient.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Two_keys_of_one_user_share_the_user_budget()
    {
        var settings = Limits(userRequests: 3);
        settings["Gatewayz:ApiKeys:1:Key"] = SecondKey;
        settings["Gatewayz:ApiKeys:1:UserId"] = "dev";
        using var host = GatewayHost.Start(settings);
        using var firstKey = host.CreateHttpClient();
        using var secondKey = host.CreateHttpClient(SecondKey);
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();

        (await firstKey.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secondKey.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await firstKey.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await secondKey.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_rate_limit_hits_total", ("limit_type", "user_requests")).ShouldBe(1);
    }

    [Fact]
    public async Task A_prompt_larger_than_the_token_budget_is_refused_by_the_token_limit()
    {
        using var host = GatewayHost.Start(Limits(keyTokens: 50));
        using var client = host.CreateHttpClient();

        using var refused = await client.PostChatAsync(content: new string('x', 400)); // ≈ 104 tokens estimated

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_rate_limit_hits_total", ("limit_type", "key_tokens")).ShouldBe(1);
    }

    [Fact]
    public async Task The_token_counter_is_corrected_from_the_estimate_to_the_real_usage()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis);
        using var client = host.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();
        var window = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60;

        using var response = await client.PostChatAsync();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var usage = body.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt64();

        var keyId = ApiKeyHash.Of(GatewayHost.DevelopmentKey).ShortId;
        var direct = await RealtimeStoreHarness.OpenDirectAsync(redis);
        var counted = await Eventually.ReturnsAsync(() => direct.StringGetAsync(RedisKeys.RateLimit("key_tokens", keyId, window)), value => value == usage);
        ((long)counted).ShouldBe(usage);
        ((long)await direct.StringGetAsync(RedisKeys.RateLimit("user_tokens", "dev", window))).ShouldBe(usage);
        ((long)await direct.StringGetAsync(RedisKeys.RateLimit("key_requests", keyId, window))).ShouldBe(1);
    }

    [Fact]
    public async Task With_redis_stopped_limits_still_hold_in_memory_and_the_failures_are_counted()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = await ChatRequests.StartWithRedisAsync(redis, Limits(keyRequests: 3));
        using var client = host.CreateHttpClient();
        await RateLimitWindowGuard.EnsureSecondsLeftAsync();
        redis.Stop();

        for (var i = 0; i < 3; i++) (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        MetricsText.Sum(await host.ScrapeMetricsAsync(), "gatewayz_redis_connection_failures_total").ShouldBeGreaterThan(0);
    }

    [Theory]
    [InlineData("Gatewayz:RateLimits:KeyRequestsPerMinute", "0")]
    [InlineData("Gatewayz:RateLimits:UserTokensPerMinute", "-5")]
    public async Task A_limit_below_one_stops_startup_naming_the_setting(string key, string value)
    {
        // A bare host with only the rate-limit registration: a whole gateway failing to start races
        // WebApplicationFactory's own start-up and can surface as an ObjectDisposedException instead.
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [key] = value });
        builder.AddRedisConnection();
        builder.AddRateLimits();
        await using var app = builder.Build();

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => app.StartAsync());

        failure.Message.ShouldContain(key);
    }

    private static Dictionary<string, string?> Limits(long? keyRequests = null, long? keyTokens = null, long? userRequests = null)
    {
        var settings = new Dictionary<string, string?>();
        if (keyRequests is { } a) settings["Gatewayz:RateLimits:KeyRequestsPerMinute"] = a.ToString();
        if (keyTokens is { } b) settings["Gatewayz:RateLimits:KeyTokensPerMinute"] = b.ToString();
        if (userRequests is { } c) settings["Gatewayz:RateLimits:UserRequestsPerMinute"] = c.ToString();
        return settings;
    }
}
