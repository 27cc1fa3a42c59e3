using System.Net;
using System.Text.Json;
using Gatewayz.Api.Metrics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Metrics;

public sealed class StructuredEndpointsTests : IDisposable
{
    private readonly GatewayHost _host = GatewayHost.Start();
    private readonly HttpClient _client;

    public StructuredEndpointsTests()
    {
        _client = _host.CreateHttpClient(apiKey: null);
    }

    [Theory]
    [InlineData("system", MetricCategory.System)]
    [InlineData("providers", MetricCategory.Providers)]
    [InlineData("models", MetricCategory.Models)]
    [InlineData("business", MetricCategory.Business)]
    [InlineData("performance", MetricCategory.Performance)]
    public async Task A_category_endpoint_serves_exactly_the_catalog_metrics_of_that_category(string path, MetricCategory category)
    {
        await TrafficAsync();

        var text = await _client.GetStringAsync($"/prometheus/metrics/{path}");

        var families = TypeLines(text);
        families.ShouldNotBeEmpty();
        var expected = MetricCatalog.All.Where(metric => metric.Category == category).Select(metric => metric.Name).ToHashSet();
        families.ShouldAllBe(name => expected.Contains(name));
        MetricCatalog.All.Where(metric => metric.Category != category).ShouldAllBe(metric => !families.Contains(metric.Name));
    }

    [Fact]
    public async Task All_serves_the_same_families_as_metrics()
    {
        await TrafficAsync();

        var all = TypeLines(await _client.GetStringAsync("/prometheus/metrics/all"));

        all.ShouldBe(TypeLines(await _host.ScrapeMetricsAsync()), ignoreOrder: true);
        all.ShouldContain("process_cpu_seconds_total");
    }

    [Fact]
    public async Task Summary_reports_each_category_and_can_be_narrowed_to_one()
    {
        await TrafficAsync();

        using var whole = JsonDocument.Parse(await _client.GetStringAsync("/prometheus/metrics/summary"));
        var categories = whole.RootElement.GetProperty("categories");
        categories.EnumerateObject().Select(category => category.Name).ShouldBe(["business", "models", "performance", "providers", "system"]);
        var inference = categories.GetProperty("models").GetProperty("metrics").GetProperty("gatewayz_inference_requests_total");
        inference.GetProperty("type").GetString().ShouldBe("counter");
        inference.GetProperty("total").GetDouble().ShouldBe(2);

        using var providers = JsonDocument.Parse(await _client.GetStringAsync("/prometheus/metrics/summary?category=providers"));
        providers.RootElement.GetProperty("categories").EnumerateObject().Select(category => category.Name).ShouldBe(["providers"]);
    }

    [Theory]
    [InlineData("/prometheus/metrics/summary?category=bogus")]
    [InlineData("/prometheus/metrics/bogus")]
    public async Task An_unknown_category_is_a_400_in_the_api_error_format(string url)
    {
        using var response = await _client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        error.RootElement.GetProperty("error").GetProperty("code").GetString().ShouldBe("invalid_category");
        error.RootElement.GetProperty("error").GetProperty("message").GetString()!.ShouldContain("providers");
    }

    [Fact]
    public async Task Docs_serves_the_catalog_as_markdown()
    {
        using var response = await _client.GetAsync("/prometheus/metrics/docs");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/markdown");
        (await response.Content.ReadAsStringAsync()).ShouldBe(MetricCatalogMarkdown.Render());
    }

    private async Task TrafficAsync()
    {
        using var client = _host.CreateHttpClient();
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostChatAsync(stream: true)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static List<string> TypeLines(string exposition) =>
        [.. exposition.Split('\n').Where(line => line.StartsWith("# TYPE ")).Select(line => line.Split(' ')[2])];

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
    }
}
