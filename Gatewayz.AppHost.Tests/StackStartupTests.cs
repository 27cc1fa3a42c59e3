using System.Net.Http.Json;
using System.Text.Json;

namespace Gatewayz.AppHost.Tests;

/// <summary>Starts the whole stack in containers: needs Docker (or Podman) and a few minutes; skipped, saying why, without one.</summary>
public class StackStartupTests
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TelemetryTimeout = TimeSpan.FromMinutes(2);

    private static readonly string[] Services =
    [
        "redis", "redis-exporter", "postgres", "api", "aggregator", "prometheus", "mimir",
        "loki", "tempo", "pyroscope", "alertmanager", "grafana", "otel-collector",
    ];

    [RequiresContainerEngineFact]
    public async Task Every_service_becomes_healthy()
    {
        await using var app = await StartStackAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);

        foreach (var service in Services)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }
    }

    [RequiresContainerEngineFact]
    public async Task A_chat_completion_shows_up_in_prometheus_and_tempo()
    {
        await using var app = await StartStackAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        foreach (var service in new[] { "api", "prometheus", "tempo", "otel-collector" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(service, timeout.Token);
        }

        using var api = app.CreateHttpClient("api", "http");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = JsonContent.Create(new
            {
                model = "openai/gpt-4o-mini",
                messages = new[] { new { role = "user", content = "Say hello." } },
            }),
        };
        request.Headers.Authorization = new("Bearer", "gwz-dev-local-key-0001");
        (await api.SendAsync(request, timeout.Token)).EnsureSuccessStatusCode();

        using var prometheus = app.CreateHttpClient("prometheus", "http");
        await EventuallyAsync(async () =>
        {
            var result = await prometheus.GetFromJsonAsync<JsonElement>(
                "/api/v1/query?query=gatewayz_inference_requests_total", timeout.Token);
            return result.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
        });

        using var tempo = app.CreateHttpClient("tempo", "http");
        await EventuallyAsync(async () =>
        {
            var result = await tempo.GetFromJsonAsync<JsonElement>(
                "/api/search?tags=service.name%3Dapi&limit=5", timeout.Token);
            return result.TryGetProperty("traces", out var traces) && traces.GetArrayLength() > 0;
        });
    }

    private static async Task<DistributedApplication> StartStackAsync()
    {
        var builder = await AppHostModel.CreateAsync(Stack.StackMode.Containers);
        var app = await builder.BuildAsync();
        await app.StartAsync();
        return app;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TelemetryTimeout;
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the telemetry did not arrive in time");
            await Task.Delay(TimeSpan.FromSeconds(5));
        }
    }
}
