using System.Security.Claims;
using Gatewayz.Api.Analytics;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;
using static Gatewayz.Api.Monitoring.MonitoringParameters;

namespace Gatewayz.Api.Monitoring;

/// <summary>
/// <c>/api/monitoring/*</c>: real-time answers from the real-time store and health view,
/// history from Postgres. Without Postgres the history endpoints answer 503 <c>history_unavailable</c>.
/// </summary>
public static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/monitoring").WithTags("Monitoring").RequireAuthorization(GatewayAuthorization.MonitoringPolicy);

        api.MapGet("/health", (RealtimeMonitor monitor, CancellationToken ct) => Json(monitor.HealthAsync(ct)));
        api.MapGet("/health/{provider}", (string provider, ModelCatalog catalog, RealtimeMonitor monitor, CancellationToken ct) =>
            Json(monitor.HealthAsync(Provider(catalog, provider), ct)));
        api.MapGet("/errors/{provider}", (string provider, string? limit, ModelCatalog catalog, RealtimeMonitor monitor, CancellationToken ct) =>
            Json(monitor.ErrorsAsync(Provider(catalog, provider), Range(limit, "limit", 100, 1, 100), ct)));
        api.MapGet("/stats/realtime", (string? hours, RealtimeMonitor monitor, CancellationToken ct) =>
            Json(monitor.StatsAsync(Range(hours, "hours", 1, 1, 24), ct)));
        api.MapGet("/circuit-breakers", (RealtimeMonitor monitor, CancellationToken ct) => Json(monitor.CircuitBreakersAsync(null, ct)));
        api.MapGet("/circuit-breakers/{provider}", (string provider, ModelCatalog catalog, RealtimeMonitor monitor, CancellationToken ct) =>
            Json(monitor.CircuitBreakersAsync(Provider(catalog, provider), ct)));
        api.MapGet("/latency/{provider}/{**model}", (string provider, string model, string? percentiles, ModelCatalog catalog, RealtimeMonitor monitor, CancellationToken ct) =>
            Json(monitor.LatencyAsync(Provider(catalog, provider), Model(catalog, model), Percentiles(percentiles), ct)));

        api.MapGet("/stats/hourly/{provider}", async (string provider, string? hours, ModelCatalog catalog, HttpContext context, CancellationToken ct) =>
        {
            var (name, span) = (Provider(catalog, provider), Range(hours, "hours", 24, 1, MaxHistoryHours));
            return Ok(new AnalyticsResponses.HourlyStats(name, span, await History(context).HourlyAsync(name, span, ct)));
        });
        api.MapGet("/latency-trends/{provider}", async (string provider, string? hours, ModelCatalog catalog, HttpContext context, CancellationToken ct) =>
        {
            var (name, span) = (Provider(catalog, provider), Range(hours, "hours", 24, 1, MaxHistoryHours));
            return Ok(new AnalyticsResponses.LatencyTrends(name, span, await History(context).LatencyTrendsAsync(name, span, ct)));
        });
        api.MapGet("/providers/comparison", async (HttpContext context, TimeProvider time, CancellationToken ct) =>
        {
            var providers = await History(context).ProviderComparisonAsync(ct);
            return Ok(new AnalyticsResponses.ProviderComparison(time.GetUtcNow(), providers, providers.Count));
        });
        api.MapGet("/cost-analysis", async (string? days, HttpContext context, TimeProvider time, CancellationToken ct) =>
        {
            var span = Range(days, "days", 7, 1, 365);
            return Ok(CostAnalysisReport.Build(time.GetUtcNow(), span, await History(context).CostByProviderAsync(span, ct)));
        });
        api.MapGet("/error-rates", async (string? hours, HttpContext context, TimeProvider time, CancellationToken ct) =>
        {
            var span = Range(hours, "hours", 24, 1, MaxHistoryHours);
            return Ok(new AnalyticsResponses.ErrorRates(time.GetUtcNow(), span, await History(context).ErrorRatesAsync(span, ct)));
        });
        api.MapGet("/token-efficiency/{provider}/{**model}", async (string provider, string model, string? days, ModelCatalog catalog, HttpContext context, CancellationToken ct) =>
            Ok(await History(context).TokenEfficiencyAsync(Provider(catalog, provider), Model(catalog, model), Range(days, "days", 7, 1, 365), ct)));
        api.MapGet("/anomalies", async (HttpContext context, CancellationToken ct) =>
            Ok(await Required<AnomalyDetector>(context).DetectAsync(ct)));
        api.MapGet("/trial-analytics", async (HttpContext context, CancellationToken ct) =>
            Ok(await Required<TrialFunnel>(context).AnalyzeAsync(ct)));

        // Any key may read its own usage; only the admin token or a monitoring key may name another user.
        app.MapGet("/api/monitoring/usage", async (string? days, string? user_id, HttpContext context, CancellationToken ct) =>
            Ok(await Required<CallerUsage>(context).ReportAsync(UsageOwner(context.User, user_id), Range(days, "days", 30, 1, 365), ct)))
            .WithTags("Monitoring").RequireAuthorization(GatewayAuthorization.CallerPolicy);
        return app;
    }

    private static string UsageOwner(ClaimsPrincipal caller, string? requested)
    {
        var own = caller.FindFirstValue(ClaimTypes.NameIdentifier);
        if (requested is null || requested == own)
            return own ?? throw new GatewayException(GatewayError.MissingField("user_id"));
        if (caller.IsInRole(ApiKeyRoles.Admin) || caller.IsInRole(ApiKeyRoles.Monitoring))
            return Guid.TryParse(requested, out var user) ? user.ToString() : throw new GatewayException(GatewayError.InvalidValue("user_id", "a user id (uuid)."));
        throw new GatewayException(new GatewayError(StatusCodes.Status403Forbidden, "insufficient_role",
            $"An API key reads only its own usage; another user's needs the admin token or the '{ApiKeyRoles.Monitoring}' role.", "user_id"));
    }

    private static MetricsHistory History(HttpContext context) => Required<MetricsHistory>(context);

    private static T Required<T>(HttpContext context) where T : notnull =>
        context.RequestServices.GetService<T>() ?? throw new GatewayException(new GatewayError(StatusCodes.Status503ServiceUnavailable, "history_unavailable",
            "This endpoint reads the hourly history and accounts in Postgres, which is not configured (set ConnectionStrings:gatewayz). Real-time endpoints keep working."));

    private static IResult Ok<T>(T value) => TypedResults.Json(value, MonitoringJson.Options);

    private static async Task<IResult> Json<T>(Task<T> answer) => Ok(await answer);
}
