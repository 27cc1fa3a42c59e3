namespace Gatewayz.Api.Metrics.Structured;

/// <summary>The lowercase category names of the structured endpoints (<c>system</c>, <c>providers</c>, …).</summary>
public static class MetricCategories
{
    public static string NameOf(MetricCategory category) => category.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out MetricCategory category)
    {
        foreach (var candidate in Enum.GetValues<MetricCategory>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                category = candidate;
                return true;
            }
        }
        category = default;
        return false;
    }

    public static string Known => "all, " + string.Join(", ", Enum.GetValues<MetricCategory>().Select(NameOf));
}
