using System.Collections.Frozen;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// <c>gatewayz_model_uptime_24h_ratio</c> and <c>gatewayz_token_efficiency_ratio</c>: counted per catalog
/// model in this process (a rolling 24-hour window) and turned into gauges when Prometheus scrapes.
/// </summary>
public sealed class ModelUsageGauges
{
    private readonly FrozenDictionary<string, ModelUsageWindow> _windows;
    private readonly TimeProvider _time;

    public ModelUsageGauges(ModelCatalog catalog, GatewayMetrics metrics, TimeProvider time)
    {
        _time = time;
        _windows = catalog.Models.ToFrozenDictionary(model => model.Id, _ => new ModelUsageWindow(), StringComparer.Ordinal);
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            var hour = CurrentHour();
            foreach (var (model, window) in _windows)
            {
                if (window.Uptime(hour) is { } uptime) metrics.ModelUptime24h.WithLabels(model).Set(uptime);
                if (window.TokenEfficiency() is { } efficiency) metrics.TokenEfficiency.WithLabels(model).Set(efficiency);
            }
        });
    }

    public void Succeeded(string model, TokenUsage usage) =>
        _windows.GetValueOrDefault(model)?.Add(CurrentHour(), success: true, usage.InputTokens, usage.OutputTokens);

    public void Failed(string model) =>
        _windows.GetValueOrDefault(model)?.Add(CurrentHour(), success: false, 0, 0);

    private long CurrentHour() => _time.GetUtcNow().ToUnixTimeSeconds() / 3600;
}
