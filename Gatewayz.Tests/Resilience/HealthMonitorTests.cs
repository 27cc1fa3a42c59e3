using Gatewayz.Api.Health;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Tests.Resilience;

/// <summary>Active probes: the models list decides provider availability and whether a route's model is offered.</summary>
public sealed class HealthMonitorTests : IAsyncLifetime
{
    private FakeUpstream _upstream = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _gateway = GatewayHost.Start(TwoRouteSettings.For(_upstream.BaseUrl,
            ($"Gatewayz:Models:{TwoRouteSettings.SingleRouteModel}:Routes:0:UpstreamModel", "upstream-model"),
            ("Gatewayz:Health:ProbeIntervalSeconds", "0.2"),
            ("Gatewayz:Health:ModelCheckIntervalSeconds", "0.2")));
    }

    [Fact]
    public async Task Route_whose_model_the_provider_does_not_list_loses_its_availability_share()
    {
        var view = _gateway.Services.GetRequiredService<IProviderHealthView>();
        (await Eventually.TrueAsync(async () => (await view.GetModelHealthAsync(default)).Any(m => m.Provider == "upstream" && m.HealthScore < 100)))
            .ShouldBeTrue();

        var models = await view.GetModelHealthAsync(default);

        var unlisted = models.Single(m => m.Provider == "upstream" && m.Model == TwoRouteSettings.Model);
        unlisted.HealthScore.ShouldBe(60);
        unlisted.Status.ShouldBe(HealthStatus.Degraded);
        models.Single(m => m.Provider == "upstream" && m.Model == TwoRouteSettings.SingleRouteModel).HealthScore.ShouldBe(100);
        models.Single(m => m.Provider == "groq" && m.Model == TwoRouteSettings.Model).HealthScore.ShouldBe(100);
        _upstream.Requests.ShouldContain(request => request.Method == "GET" && request.Path == "/v1/models");
        _upstream.ChatRequestCount.ShouldBe(0);
    }

    [Fact]
    public async Task Failed_probe_marks_the_provider_unavailable_and_a_later_success_restores_it()
    {
        _upstream.Behavior = new UpstreamBehavior { ProbeStatus = 503 };
        var down = await Eventually.TrueAsync(async () => await AvailabilityAsync() == 0);
        var downHealth = (await _gateway.Services.GetRequiredService<IProviderHealthView>().GetProviderHealthAsync(default))
            .Single(p => p.Provider == "upstream");

        _upstream.Behavior = new UpstreamBehavior();
        var up = await Eventually.TrueAsync(async () => await AvailabilityAsync() == 1);

        down.ShouldBeTrue();
        downHealth.HealthScore.ShouldBe(60);
        downHealth.Status.ShouldBe(HealthStatus.Degraded);
        up.ShouldBeTrue();
        MetricsText.Sum(await _gateway.ScrapeMetricsAsync(), "gatewayz_provider_health_score", ("provider", "upstream")).ShouldBe(100);
    }

    private async Task<double> AvailabilityAsync() =>
        MetricsText.Sum(await _gateway.ScrapeMetricsAsync(), "gatewayz_provider_availability", ("provider", "upstream"));

    public async Task DisposeAsync()
    {
        _gateway.Dispose();
        await _upstream.DisposeAsync();
    }
}
