using System.Globalization;
using System.Text.Json;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>Reads the <c>data</c> object of a Prometheus query API answer (vector, matrix or scalar).</summary>
public static class PromResultParser
{
    public static IReadOnlyList<PromSeries> Parse(JsonElement data)
    {
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() switch
        {
            "vector" => [.. result.EnumerateArray().Select(item => new PromSeries(Labels(item), [Sample(item.GetProperty("value"))]))],
            "matrix" => [.. result.EnumerateArray().Select(item => new PromSeries(Labels(item), [.. item.GetProperty("values").EnumerateArray().Select(Sample)]))],
            "scalar" => [new PromSeries(new Dictionary<string, string>(), [Sample(result)])],
            var other => throw new InvalidOperationException($"unexpected result type {other}"),
        };
    }

    private static Dictionary<string, string> Labels(JsonElement item) =>
        item.GetProperty("metric").EnumerateObject().ToDictionary(label => label.Name, label => label.Value.GetString()!);

    private static PromSample Sample(JsonElement pair) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds((long)(pair[0].GetDouble() * 1000)),
            Number(pair[1].GetString()!));

    private static double Number(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
