using System.Net;
using Gatewayz.Tests.Infrastructure;
using Gatewayz.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gatewayz.Tests.Embeddings;

/// <summary>Embeddings through the same breakers and rate limits as chat.</summary>
public sealed class EmbeddingsResilienceTests
{
    private const string Model = "test/embed-resilient";

    [Fact]
    public async Task A_breaker_opened_by_failing_embeddings_skips_its_route()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await using var upstream = await FakeUpstream.StartAsync();
        using var gateway = GatewayHost.Start(TwoRouteSettings.For(upstream.BaseUrl,
                ($"Gatewayz:Models:{Model}:Endpoints:0", "embeddings"),
                ($"Gatewayz:Models:{Model}:Routes:0:Provider", "upstream"),
                ($"Gatewayz:Models:{Model}:Routes:1:Provider", "groq"),
                ("Gatewayz:Resilience:Retry:MaxRetries", "0"),
                ("Gatewayz:Resilience:CircuitBreaker:MinimumThroughput", "3"),
                ("Gatewayz:Resilience:CircuitBreaker:FailureRatio", "0.5"),
                ("Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds", "30")),
            services => services.AddSingleton<TimeProvider>(clock));
        upstream.Behavior = new UpstreamBehavior { Status = 503 };
        var body = $$"""{"model":"{{Model}}","input":"x","dimensions":4}""";

        for (var i = 0; i < 5; i++)
        {
            using var response = await gateway.PostEmbeddingsAsync(body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            response.Headers.GetValues("x-gatewayz-provider").ShouldBe(["groq"]);
        }

        upstream.Requests.Count(request => request.Path == "/v1/embeddings").ShouldBe(3);
        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_circuit_breaker_transitions_total", ("provider", "upstream"), ("model", Model), ("state", "open")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", Model), ("reason", "circuit_open")).ShouldBe(2);
        MetricsText.Sum(metrics, "gatewayz_failovers_total", ("provider", "upstream"), ("model", Model), ("reason", "server_error")).ShouldBe(3);
    }

    [Fact]
    public async Task The_keys_requests_per_minute_limit_embeddings_with_a_429()
    {
        using var gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "2" });
        var body = $$"""{"model":"{{EmbeddingTestRequests.Small}}","input":"x","dimensions":4}""";

        (await gateway.PostEmbeddingsAsync(body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gateway.PostEmbeddingsAsync(body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var limited = await gateway.PostEmbeddingsAsync(body);

        await ErrorJson.ShouldBeOpenAiError(limited, 429, "rate_limit_exceeded");
        limited.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task The_keys_token_limit_counts_the_estimated_input_of_embeddings()
    {
        using var gateway = GatewayHost.Start(new Dictionary<string, string?> { ["Gatewayz:RateLimits:KeyTokensPerMinute"] = "50" });

        // 400 characters estimate at 100 tokens: more than the minute's 50.
        using var refused = await gateway.PostEmbeddingsAsync($$"""{"model":"{{EmbeddingTestRequests.Small}}","input":"{{new string('a', 400)}}"}""");

        ((int)refused.StatusCode).ShouldBe(429, await refused.Content.ReadAsStringAsync());
    }
}
