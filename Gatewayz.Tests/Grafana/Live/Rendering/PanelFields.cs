using System.Text.Json.Nodes;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>What a panel's JSON says about display: unit, thresholds, min/max.</summary>
public sealed record PanelFields(string? Unit, IReadOnlyList<(string Color, double? Value)> Thresholds, double? Min, double? Max)
{
    public static PanelFields Of(JsonObject panel)
    {
        var defaults = panel["fieldConfig"]?["defaults"];
        var steps = defaults?["thresholds"]?["steps"]?.AsArray()
            .Select(step => (Theme.Named((string?)step!["color"]), (double?)step["value"])).ToList() ?? [];
        return new PanelFields((string?)defaults?["unit"], steps, (double?)defaults?["min"], (double?)defaults?["max"]);
    }

    /// <summary>The colour of the highest threshold step at or below the value (Grafana's rule).</summary>
    public string ColorFor(double value) =>
        Thresholds.LastOrDefault(step => step.Value is null || value >= step.Value).Color ?? Theme.Palette[0];

    public bool HasThresholds => Thresholds.Count > 1;
}
