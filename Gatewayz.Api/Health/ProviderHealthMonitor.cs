using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Health;

/// <summary>
/// Active health: every probe interval it probes each provider (its models list, never a paid
/// completion), reads the other replicas' breakers, recomputes the scores and shares them; every
/// model-check interval it also checks that each route's model is still listed.
/// </summary>
public sealed class ProviderHealthMonitor(
    ProviderRegistry providers,
    RouteRegistry routes,
    ProbeResults probes,
    HealthCalculator calculator,
    HealthState state,
    HealthStore store,
    SharedBreakerStore breakers,
    IOptions<HealthOptions> options,
    TimeProvider time,
    ILogger<ProviderHealthMonitor> logger) : BackgroundService
{
    private DateTimeOffset _nextModelCheck = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        state.Latest = calculator.Compute();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ProbeIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Health monitor round failed; the next round runs as scheduled.");
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkModels = time.GetUtcNow() >= _nextModelCheck;
        if (checkModels)
            _nextModelCheck = time.GetUtcNow() + TimeSpan.FromSeconds(options.Value.ModelCheckIntervalSeconds);

        var rounds = new List<Task>();
        foreach (var provider in providers.All)
            rounds.Add(ProbeAsync(provider, checkModels, cancellationToken));
        await Task.WhenAll(rounds);

        await breakers.SyncAsync(routes.All);
        var report = calculator.Compute();
        state.Latest = report;
        await store.PublishAsync(report);
    }

    private async Task ProbeAsync(IChatProvider provider, bool checkModels, CancellationToken cancellationToken)
    {
        try
        {
            if (!checkModels)
            {
                await provider.ProbeAsync(cancellationToken);
                probes.ProviderProbed(provider.Name, up: true);
                return;
            }
            var listed = await provider.ListModelsAsync(cancellationToken);
            probes.ProviderProbed(provider.Name, up: true);
            foreach (var route in routes.All)
            {
                if (route.Route.Provider == provider.Name)
                    probes.ModelChecked(route.Key, listed.Count == 0 || listed.Contains(route.Route.UpstreamModel));
            }
        }
        catch (UpstreamException failure)
        {
            logger.LogWarning("Probe of {Provider} failed: {Reason}", provider.Name, failure.Message);
            probes.ProviderProbed(provider.Name, up: false);
        }
    }
}
