using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gatewayz.Api.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>GenAI spans, metrics and attempt logs (<see cref="GenAiTelemetry"/>), configured from <c>Gatewayz:Telemetry</c>.</summary>
    public static IHostApplicationBuilder AddGenAiTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.SectionName));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GenAiMetrics>();
        builder.Services.AddSingleton<GenAiTelemetry>();
        return builder;
    }
}
