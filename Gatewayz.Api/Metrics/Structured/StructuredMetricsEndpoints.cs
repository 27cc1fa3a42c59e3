using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Metrics.Structured;

/// <summary>
/// The structured metrics endpoints: <c>/prometheus/metrics/{all|system|providers|models|business|performance}</c>
/// (Prometheus text, cut by the catalog's categories), <c>/summary</c> (JSON) and <c>/docs</c> (the catalog as markdown).
/// </summary>
public static class StructuredMetricsEndpoints
{
    /// <summary>The path under which the structured endpoints are.</summary>
    public const string PathPrefix = "/prometheus/metrics";

    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapStructuredMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PathPrefix).WithTags("Metrics");
        group.MapGet("/summary", SummaryAsync);
        group.MapGet("/docs", () => TypedResults.Text(MetricCatalogMarkdown.Render(), "text/markdown; charset=utf-8"));
        group.MapGet("/{category}", CategoryAsync);
        return app;
    }

    private static async Task<IResult> CategoryAsync(string category, CatalogExposition exposition, CancellationToken cancellationToken)
    {
        var text = await exposition.ExportAsync(cancellationToken);
        if (category == "all") return TypedResults.Text(text, TextFormat);
        return TypedResults.Text(CatalogExposition.Filter(text, ParseCategory(category)), TextFormat);
    }

    private static async Task<IResult> SummaryAsync(string? category, CatalogExposition exposition, TimeProvider time, CancellationToken cancellationToken)
    {
        IReadOnlyList<MetricCategory> categories = category is null or "all" ? Enum.GetValues<MetricCategory>() : [ParseCategory(category)];
        var text = await exposition.ExportAsync(cancellationToken);
        return TypedResults.Json(MetricsSummary.Build(text, categories, time.GetUtcNow()), StructuredJson.Options);
    }

    private static MetricCategory ParseCategory(string name) =>
        MetricCategories.TryParse(name, out var category)
            ? category
            : throw new GatewayException(new GatewayError(StatusCodes.Status400BadRequest, "invalid_category",
                $"Unknown metric category '{(name.Length > 32 ? name[..32] : name)}'. Use one of: {MetricCategories.Known}.", Param: "category"));
}
