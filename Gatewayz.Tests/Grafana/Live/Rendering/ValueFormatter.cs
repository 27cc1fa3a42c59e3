using System.Globalization;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Formats a value for a Grafana unit id, roughly as Grafana does.</summary>
public static class ValueFormatter
{
    public static string Format(double value, string? unit)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "+Inf" : "-Inf";
        return unit switch
        {
            "s" => Seconds(value),
            "percent" => $"{Number(value, 1)}%",
            "percentunit" => $"{Number(value * 100, 1)}%",
            "reqps" => $"{Short(value)} req/s",
            "ops" => $"{Short(value)} ops/s",
            "bytes" => Bytes(value),
            "currencyUSD" => Math.Abs(value) < 1 && value != 0 ? $"${Number(value, 4)}" : $"${Number(value, 2)}",
            _ => Short(value),
        };
    }

    private static string Seconds(double value) => Math.Abs(value) switch
    {
        0 => "0 s",
        < 1e-3 => $"{Number(value * 1e6, 0)} µs",
        < 1 => $"{Number(value * 1e3, 1)} ms",
        _ => $"{Number(value, 2)} s",
    };

    private static string Bytes(double value) => Math.Abs(value) switch
    {
        >= 1 << 30 => $"{Number(value / (1 << 30), 2)} GiB",
        >= 1 << 20 => $"{Number(value / (1 << 20), 1)} MiB",
        >= 1 << 10 => $"{Number(value / (1 << 10), 1)} KiB",
        _ => $"{Number(value, 0)} B",
    };

    private static string Short(double value) => Math.Abs(value) switch
    {
        >= 1e9 => $"{Number(value / 1e9, 2)} Bil",
        >= 1e6 => $"{Number(value / 1e6, 2)} Mil",
        >= 1e3 => $"{Number(value / 1e3, 2)} K",
        >= 10 => Number(value, 1),
        _ => Number(value, 3),
    };

    private static string Number(double value, int decimals) =>
        Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
}
