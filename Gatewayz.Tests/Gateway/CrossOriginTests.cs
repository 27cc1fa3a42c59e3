using System.Net;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>
/// Browsers may call the gateway from the configured origins (any origin in Development): preflights
/// are answered without an API key and without counting as requests, and answers expose the headers a
/// page needs (Retry-After, the gateway's own).
/// </summary>
public sealed class CrossOriginTests : IDisposable
{
    private const string AllowedOrigin = "https://app.example.com";
    private const string ProductionKey = "gwz-production-test-key-0001";

    private readonly GatewayHost _production = GatewayHost.Start(ProductionSettings(), environment: "Production");

    [Fact]
    public async Task Preflight_from_an_allowed_origin_is_204_with_the_allow_headers()
    {
        var response = await PreflightAsync(_production, AllowedOrigin);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").ShouldBe(AllowedOrigin);
        Header(response, "Access-Control-Allow-Methods").Split(',', StringSplitOptions.TrimEntries).ShouldBe(["GET", "POST"], ignoreOrder: true);
        var allowedHeaders = Header(response, "Access-Control-Allow-Headers").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries);
        allowedHeaders.ShouldContain("authorization");
        allowedHeaders.ShouldContain("content-type");
        allowedHeaders.ShouldContain("x-api-key");
        allowedHeaders.ShouldContain("anthropic-version");
        allowedHeaders.ShouldContain("anthropic-beta");
        allowedHeaders.ShouldContain("x-stainless-os");
        Header(response, "Access-Control-Max-Age").ShouldBe("600");
    }

    [Fact]
    public async Task Preflight_from_another_origin_gets_no_allow_origin()
    {
        var response = await PreflightAsync(_production, "https://evil.example.net");

        response.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task Development_allows_every_origin()
    {
        using var development = GatewayHost.Start();

        var response = await PreflightAsync(development, "http://localhost:3000");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Access-Control-Allow-Origin").ShouldBe("*");
    }

    [Fact]
    public async Task Preflight_needs_no_key_and_is_not_an_inference_request()
    {
        using var client = _production.CreateHttpClient(ProductionKey);
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < 3; i++)
            (await PreflightAsync(_production, AllowedOrigin)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var metrics = await _production.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total").ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_http_requests_total", ("method", "OPTIONS")).ShouldBe(0);
    }

    [Fact]
    public async Task Cross_origin_answers_expose_retry_after_and_gateway_headers()
    {
        var settings = ProductionSettings();
        settings["Gatewayz:RateLimits:KeyRequestsPerMinute"] = "1";
        using var gateway = GatewayHost.Start(settings, environment: "Production");
        using var client = gateway.CreateHttpClient(ProductionKey);
        var origin = new Dictionary<string, string> { ["Origin"] = AllowedOrigin };

        var first = await client.PostChatAsync(headers: origin);
        var limited = await client.PostChatAsync(headers: origin);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter.ShouldNotBeNull();
        foreach (var response in new[] { first, limited })
        {
            Header(response, "Access-Control-Allow-Origin").ShouldBe(AllowedOrigin);
            var exposed = Header(response, "Access-Control-Expose-Headers").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries);
            exposed.ShouldContain("retry-after");
            exposed.ShouldContain("x-gatewayz-cache");
        }
    }

    private static Dictionary<string, string?> ProductionSettings() => new()
    {
        ["Gatewayz:Cors:AllowedOrigins:0"] = AllowedOrigin,
        ["Gatewayz:Cors:AllowedOrigins:1"] = "http://localhost:8080",
        ["Gatewayz:ApiKeys:0:Key"] = ProductionKey,
        ["Gatewayz:ApiKeys:0:Name"] = "production test",
        ["Gatewayz:ApiKeys:0:UserId"] = "production-test",
    };

    /// <summary>What a browser sends before an OpenAI SDK's POST: no credentials, only the method and header names.</summary>
    private static async Task<HttpResponseMessage> PreflightAsync(GatewayHost gateway, string origin)
    {
        using var client = gateway.CreateHttpClient(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/chat/completions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,x-api-key,anthropic-version,anthropic-beta,x-stainless-os");
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    public void Dispose() => _production.Dispose();
}
