using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Resilience;

/// <summary>A bad resilience or health setting stops start-up with a message naming it.</summary>
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
    public void Invalid_setting_stops_startup_naming_it(string key, string value, string named)
    {
        var failure = Should.Throw<OptionsValidationException>(() => GatewayHost.Start(new Dictionary<string, string?> { [key] = value }).Dispose());

        failure.Message.ShouldContain(named);
    }
}
