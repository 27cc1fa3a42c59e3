using System.Net;
using System.Text.RegularExpressions;
using Gatewayz.Api.Metrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Metrics;

public sealed partial class HttpAndInferenceMetricsTests
{
    private const string ChatRoute = "/v1/chat/completions";

    [Fact]
    public async Task Streamed_responses_without_content_length_still_get_a_response_size()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();

        using var response = await client.PostChatAsync(stream: true);
        var body = await response.Content.ReadAsStringAsync();
        response.Headers.TransferEncodingChunked.ShouldBe(true); // no Content-Length
        body.ShouldContain("[DONE]");

        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_http_response_size_bytes_count", ("route", ChatRoute)).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_http_response_size_bytes_sum", ("route", ChatRoute)).ShouldBe(System.Text.Encoding.UTF8.GetByteCount(body));
        MetricsText.Sum(metrics, "gatewayz_http_requests_in_progress", ("route", ChatRoute)).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_http_request_size_bytes_count", ("route", ChatRoute)).ShouldBe(1);
    }

    [Fact]
    public async Task Latency_histograms_carry_trace_id_exemplars_in_the_openmetrics_exposition()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();
        for (var i = 0; i < 3; i++) (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var response = await client.SendAsync(scrape);
        var text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/openmetrics-text");
        foreach (var histogram in new[] { "gatewayz_inference_duration_seconds_bucket", "gatewayz_http_request_duration_seconds_bucket" })
            text.Split('\n').ShouldContain(line => line.StartsWith(histogram) && TraceExemplar().IsMatch(line), $"{histogram} has no trace_id exemplar");
    }

    [Fact]
    public async Task Model_uptime_token_efficiency_active_keys_and_build_info_are_exported()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();
        (await client.PostChatAsync()).StatusCode.ShouldBe(HttpStatusCode.OK);

        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_model_uptime_24h_ratio", ("model", ChatRequests.Model)).ShouldBe(1);
        var input = MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", ChatRequests.Model), ("token_type", "input"));
        var output = MetricsText.Sum(metrics, "gatewayz_tokens_used_total", ("model", ChatRequests.Model), ("token_type", "output"));
        MetricsText.Sum(metrics, "gatewayz_token_efficiency_ratio", ("model", ChatRequests.Model)).ShouldBe(output / input, tolerance: 1e-9);
        MetricsText.Sum(metrics, "gatewayz_active_api_keys").ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_active_trials").ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_active_subscriptions", ("tier", "pro")).ShouldBe(0);
        MetricsText.Sum(metrics, "gatewayz_build_info", ("environment", "Development")).ShouldBe(1);
    }

    [Fact]
    public async Task Anomaly_types_outside_the_fixed_list_are_counted_as_other()
    {
        using var host = GatewayHost.Start();
        var anomalies = host.Services.GetRequiredService<AnomalyCounter>();

        anomalies.Detected(AnomalyCounter.CostSpike);
        anomalies.Detected("user-supplied-" + Guid.NewGuid());

        var metrics = await host.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_anomalies_detected_total", ("type", "cost_spike")).ShouldBe(1);
        MetricsText.Sum(metrics, "gatewayz_anomalies_detected_total", ("type", "other")).ShouldBe(1);
    }

    [GeneratedRegex("""# \{.*trace_id="[0-9a-f]{32}".*\} [0-9.e+-]+""")]
    private static partial Regex TraceExemplar();
}
