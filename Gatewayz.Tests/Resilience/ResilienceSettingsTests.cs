using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Gatewayz.RealtimeMetrics;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Resilience;

/// <summary>
/// A bad resilience or health setting stops start-up with a message naming it. The host here has the
/// gateway's feature registrations but no Kestrel, whose test server can mask a failed start-up.
/// </summary>
public sealed class ResilienceSettingsTests
{
    [Theory]
    [InlineData("Gatewayz:Resilience:CircuitBreaker:FailureRatio", "0", "Gatewayz:Resilience:CircuitBreaker:FailureRatio")]
    [InlineData("Gatewayz:Resilience:CircuitBreaker:MinimumThroughput", "1", "Gatewayz:Resilience:CircuitBreaker:MinimumThroughput")]
    [InlineData("Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds", "0.1", "Gatewayz:Resilience:CircuitBreaker:BreakDurationSeconds")]
    [InlineData("Gatewayz:Resilience:Retry:MaxRetries", "-1", "Gatewayz:Resilience:Retry:MaxRetries")]
    [InlineData("Gatewayz:Resilience:MaxAttemptsPerRequest", "0", "Gatewayz:Resilience:MaxAttemptsPerRequest")]
    [InlineData("Gatewayz:Resilience:Providers:groq:CircuitBreaker:SamplingDurationSeconds", "0", "Gatewayz:Resilience:Providers:groq:CircuitBreaker:SamplingDurationSeconds")]
    [InlineData("Gatewayz:Resilience:Providers:nobody:Retry:MaxRetries", "1", "Gatewayz:Resilience:Providers:nobody")]
    [InlineData("Gatewayz:Health:ProbeIntervalSeconds", "0", "Gatewayz:Health:ProbeIntervalSeconds")]
    [InlineData("Gatewayz:Health:MaxLatencySeconds", "1", "Gatewayz:Health:MaxLatencySeconds")]
    public async Task Invalid_setting_stops_startup_naming_it(string key, string value, string named)
    {
        using var host = Build(key, value);

        var failure = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        failure.Message.ShouldContain(named);
    }

    [Fact]
    public async Task Shipped_settings_start()
    {
        using var host = Build("Gatewayz:Health:ProbeIntervalSeconds", "30");

        await host.StartAsync();
        await host.StopAsync();
    }

    private static IHost Build(string key, string value)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(Path.Combine(RepositoryPaths.Api, "appsettings.json"));
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]);
        builder.AddModelCatalog();
        builder.AddRedisConnection();
        builder.AddProviders();
        builder.AddApiKeyAuthentication();
        builder.AddGatewayMetrics();
        builder.AddResilience();
        return builder.Build();
    }
}
