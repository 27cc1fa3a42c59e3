using System.Globalization;
using System.Text.Json;

namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// Semantic JSON comparison that names every difference by its path: objects compare as sets of
/// properties (order free), arrays item by item, numbers by value (<c>1.0</c> equals <c>1</c>, a changed
/// digit does not), strings ordinally.
/// </summary>
public static class JsonDiff
{
    public static IReadOnlyList<string> Differences(JsonElement expected, JsonElement actual, params string[] ignoredTopLevel)
    {
        var differences = new List<string>();
        if (expected.ValueKind == JsonValueKind.Object && actual.ValueKind == JsonValueKind.Object)
            CompareObjects(expected, actual, "$", differences, ignoredTopLevel);
        else
            Compare(expected, actual, "$", differences);
        return differences;
    }

    public static IReadOnlyList<string> Differences(string expected, string actual, params string[] ignoredTopLevel)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        return Differences(expectedDocument.RootElement, actualDocument.RootElement, ignoredTopLevel);
    }

    /// <summary>Fails, naming every difference and showing the whole of <paramref name="actual"/>, unless it is <paramref name="expected"/> as JSON.</summary>
    public static void ShouldBeJson(this string actual, string expected, params string[] ignoredTopLevel) =>
        Differences(expected, actual, ignoredTopLevel).ShouldBeEmpty($"the JSON was:\n{actual}");

    /// <inheritdoc cref="ShouldBeJson(string, string, string[])"/>
    public static void ShouldBeJson(this JsonElement actual, string expected, params string[] ignoredTopLevel) =>
        actual.GetRawText().ShouldBeJson(expected, ignoredTopLevel);

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            differences.Add($"{path}: expected {Show(expected)} but was {Show(actual)}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                CompareObjects(expected, actual, path, differences, []);
                break;
            case JsonValueKind.Array:
                var expectedLength = expected.GetArrayLength();
                var actualLength = actual.GetArrayLength();
                if (expectedLength != actualLength)
                    differences.Add($"{path}: expected {expectedLength} items but was {actualLength}: {Show(actual)}");
                for (var i = 0; i < Math.Min(expectedLength, actualLength); i++)
                    Compare(expected[i], actual[i], $"{path}[{i}]", differences);
                break;
            case JsonValueKind.Number when !SameNumber(expected, actual):
            case JsonValueKind.String when expected.GetString() != actual.GetString():
                differences.Add($"{path}: expected {Show(expected)} but was {Show(actual)}");
                break;
        }
    }

    private static void CompareObjects(JsonElement expected, JsonElement actual, string path, List<string> differences, string[] ignored)
    {
        foreach (var property in expected.EnumerateObject())
        {
            if (ignored.Contains(property.Name))
                continue;
            if (actual.TryGetProperty(property.Name, out var value))
                Compare(property.Value, value, $"{path}.{property.Name}", differences);
            else
                differences.Add($"{path}.{property.Name}: missing (expected {Show(property.Value)})");
        }
        foreach (var property in actual.EnumerateObject())
        {
            if (!ignored.Contains(property.Name) && !expected.TryGetProperty(property.Name, out _))
                differences.Add($"{path}.{property.Name}: not expected (was {Show(property.Value)})");
        }
    }

    private static bool SameNumber(JsonElement expected, JsonElement actual)
    {
        const NumberStyles style = NumberStyles.Float;
        var expectedText = expected.GetRawText();
        var actualText = actual.GetRawText();
        if (decimal.TryParse(expectedText, style, CultureInfo.InvariantCulture, out var left) && decimal.TryParse(actualText, style, CultureInfo.InvariantCulture, out var right))
            return left == right;
        return expected.GetDouble().Equals(actual.GetDouble());
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 200 ? text : text[..200] + "…";
    }
}
