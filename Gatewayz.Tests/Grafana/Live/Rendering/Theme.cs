namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Grafana's dark theme colours, close enough for a snapshot.</summary>
public static class Theme
{
    public const string Background = "#111217";
    public const string Panel = "#181b1f";
    public const string Border = "#2c3235";
    public const string Grid = "#2a2d33";
    public const string Text = "#ccccdc";
    public const string MutedText = "#8e8e9a";

    public static readonly string[] Palette =
        ["#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F2495C", "#5794F2", "#B877D9", "#705DA0", "#37872D", "#FADE2A", "#6ED0E0", "#EF843C"];

    public static string Named(string? color) => color switch
    {
        "green" => "#73BF69",
        "yellow" => "#FADE2A",
        "orange" => "#FF9830",
        "red" => "#F2495C",
        "blue" => "#5794F2",
        null => "#73BF69",
        _ => color,
    };
}
