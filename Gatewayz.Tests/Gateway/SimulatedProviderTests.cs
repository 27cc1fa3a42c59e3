using System.Net;
using System.Text;
using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Gateway;

/// <summary>The built-in simulator: deterministic when seeded, and its chaos settings really fail calls.</summary>
public sealed class SimulatedProviderTests
{
    private const string Body = """{"model":"meta-llama/llama-3.1-8b-instruct","messages":[{"role":"user","content":"same prompt"}]}""";

    [Fact]
    public async Task Seeded_simulator_answers_identical_requests_identically()
    {
        using var gateway = GatewayHost.Start();

        var first = await ContentOf(await PostAsync(gateway, Body));
        var second = await ContentOf(await PostAsync(gateway, Body));

        second.ShouldBe(first);
        first.Split(' ').Length.ShouldBeGreaterThan(3);
    }

    [Fact]
    public async Task Error_rate_of_one_fails_every_call_of_that_provider_and_routes_fail_over()
    {
        using var gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:cerebras:Simulation:ErrorRate"] = "1",
            ["Gatewayz:Providers:openrouter:Simulation:ErrorRate"] = "1",
        });

        // llama-3.1-8b routes cerebras first, then groq: every request succeeds through groq.
        for (var i = 0; i < 5; i++)
            (await PostAsync(gateway, Body)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // gpt-4o has only openrouter: the client sees a 502.
        var single = await PostAsync(gateway, """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]}""");
        single.StatusCode.ShouldBe(HttpStatusCode.BadGateway);

        var metrics = await gateway.ScrapeMetricsAsync();
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "cerebras"), ("status", "server_error")).ShouldBe(5);
        MetricsText.Sum(metrics, "gatewayz_inference_requests_total", ("provider", "groq"), ("status", "success")).ShouldBe(5);
    }

    [Fact]
    public async Task Outage_window_makes_the_provider_unreachable()
    {
        using var gateway = GatewayHost.Start(new Dictionary<string, string?>
        {
            ["Gatewayz:Providers:openrouter:Simulation:Outages:0:EveryMinutes"] = "1",
            ["Gatewayz:Providers:openrouter:Simulation:Outages:0:DurationSeconds"] = "60",
        });

        var response = await PostAsync(gateway, """{"model":"openai/gpt-4o","messages":[{"role":"user","content":"x"}]}""");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("connection_error");
    }

    [Fact]
    public async Task Max_tokens_caps_the_answer_and_reports_length()
    {
        using var gateway = GatewayHost.Start();

        var response = await PostAsync(gateway, """{"model":"deepseek/deepseek-r1","max_tokens":3,"messages":[{"role":"user","content":"long please"}]}""");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32().ShouldBe(3);
        json.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString().ShouldBe("length");
    }

    private static async Task<HttpResponseMessage> PostAsync(GatewayHost gateway, string body)
    {
        using var client = gateway.CreateHttpClient();
        return await client.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
    }

    private static async Task<string> ContentOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
