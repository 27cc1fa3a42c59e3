using Gatewayz.Tests.Infrastructure;
using static Gatewayz.Tests.Infrastructure.ErrorJson;

namespace Gatewayz.Tests.Metrics;

/// <summary>
/// With a management port, the metrics are served there and only there, the management port serves nothing else
/// but the health checks, and a path a port does not serve is answered as an unknown path is.
/// </summary>
public sealed class ManagementPortTests(ManagementPortGateway gateway) : IClassFixture<ManagementPortGateway>
{
    public static TheoryData<string> MetricsPaths => ["/metrics", "/prometheus/metrics/all", "/prometheus/metrics/summary", "/prometheus/metrics/docs"];

    [Fact]
    public async Task The_management_port_serves_the_prometheus_scrape()
    {
        using var management = gateway.CreateManagementClient();

        var response = await management.GetAsync("/metrics");

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(200, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE gatewayz_build_info gauge");
    }

    [Theory]
    [MemberData(nameof(MetricsPaths))]
    public async Task The_management_port_serves_every_metrics_path(string path)
    {
        using var management = gateway.CreateManagementClient();

        var response = await management.GetAsync(path);

        ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(MetricsPaths))]
    [InlineData("/METRICS/")] // routing ignores case and a trailing slash
    public async Task The_api_port_answers_the_metrics_paths_as_an_unknown_path(string path)
    {
        using var api = gateway.CreateApiClient();

        await ShouldBeOpenAiError(await api.GetAsync(path), 404, "not_found");
        await ShouldBeAnsweredAsUnknownPathAsync(api, "GET", path);
        await ShouldBeAnsweredAsUnknownPathAsync(api, "POST", path); // not a 405, which would tell the path exists
    }

    [Theory]
    [InlineData("GET", "/v1/models")]
    [InlineData("POST", "/v1/chat/completions")]
    [InlineData("POST", "/v1/messages")]
    [InlineData("GET", "/api/monitoring/health")]
    [InlineData("GET", "/")]
    public async Task The_management_port_answers_every_api_path_as_an_unknown_path(string method, string path)
    {
        using var management = gateway.CreateManagementClient();

        await ShouldBeAnsweredAsUnknownPathAsync(management, method, path);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task Both_ports_serve_the_health_checks(string path)
    {
        using var management = gateway.CreateManagementClient();
        using var api = gateway.CreateApiClient();

        (await management.GetStringAsync(path)).ShouldBe("Healthy");
        (await api.GetStringAsync(path)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_api_port_still_serves_the_api()
    {
        using var api = gateway.CreateApiClient();

        var response = await api.GetAsync("/v1/models");

        ((int)response.StatusCode).ShouldBe(200, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_metrics_path_asked_of_the_api_port_is_counted_as_unmatched()
    {
        using var api = gateway.CreateApiClient();
        using var management = gateway.CreateManagementClient();
        // The tests of a class run one at a time, so nothing else reaches this gateway in between.
        var before = UnmatchedNotFound(await management.GetStringAsync("/metrics"));

        (await api.GetAsync("/prometheus/metrics/summary")).Dispose();

        var after = await management.GetStringAsync("/metrics");
        UnmatchedNotFound(after).ShouldBe(before + 1);
        MetricsText.Sum(after, "gatewayz_http_requests_total", ("route", "/prometheus/metrics/summary"), ("status_code", "404")).ShouldBe(0);
    }

    private static double UnmatchedNotFound(string exposition) =>
        MetricsText.Sum(exposition, "gatewayz_http_requests_total", ("route", "unmatched"), ("status_code", "404"));

    /// <summary>METHOD PATH gets what an unknown path of the same API gets: a 404 with the same body.</summary>
    private static async Task ShouldBeAnsweredAsUnknownPathAsync(HttpClient client, string method, string path)
    {
        // Unknown paths under /v1/messages are answered in Anthropic's format, all others in OpenAI's.
        var unknownPath = path.StartsWith("/v1/messages", StringComparison.Ordinal) ? "/v1/messages/no-such-thing" : "/v1/no-such-thing";

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var unknown = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), unknownPath));

        var text = await response.Content.ReadAsStringAsync();
        ((int)response.StatusCode).ShouldBe(404, $"{method} {path}: {text}");
        text.ShouldBe(await unknown.Content.ReadAsStringAsync(), $"{method} {path}");
    }
}
