using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gatewayz.Aggregator.Aggregation;

/// <summary>
/// <c>POST /aggregation/run</c>: one pass now, for operators and end-to-end tests that cannot wait for the
/// next scheduled pass. It waits for a pass already running in this process rather than racing it.
/// </summary>
public static class AggregationEndpoints
{
    /// <summary>The route of the on-demand pass.</summary>
    public const string RunRoute = "/aggregation/run";

    /// <summary>The query parameter that makes the pass upsert the current hour's partial totals too.</summary>
    public const string IncludeCurrentHourParameter = "include_current_hour";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Maps <see cref="RunRoute"/>.</summary>
    public static IEndpointRouteBuilder MapAggregationRun(this IEndpointRouteBuilder app)
    {
        app.MapPost(RunRoute, RunAsync);
        return app;
    }

    private static async Task<Results<JsonHttpResult<AggregationRunResponse>, JsonHttpResult<AggregationRunError>>> RunAsync(
        HttpRequest request, HourlyAggregationPass pass, IOptions<AggregationOptions> options, CancellationToken cancellationToken)
    {
        // Parsed here rather than bound as bool?, so that a bad value gets a JSON 400 and not the framework's page.
        var includeCurrentHour = options.Value.IncludeCurrentHour;
        var given = request.Query[IncludeCurrentHourParameter];
        if (given.Count > 0 && !bool.TryParse(given.ToString(), out includeCurrentHour))
            return Error(StatusCodes.Status400BadRequest, "invalid_value", $"{IncludeCurrentHourParameter} must be true or false.");

        try
        {
            var result = await pass.RunAsync(includeCurrentHour, cancellationToken);
            return TypedResults.Json(AggregationRunResponse.From(includeCurrentHour, result), Json);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The pass has logged the failure with its stack trace; the caller learns the kind of failure, not our internals.
            return Error(StatusCodes.Status503ServiceUnavailable, "aggregation_failed",
                $"The aggregation pass failed ({exception.GetType().Name}); nothing was deleted from Redis and a later pass retries. The aggregator's log has the details.");
        }
    }

    private static JsonHttpResult<AggregationRunError> Error(int status, string code, string message) =>
        TypedResults.Json(new AggregationRunError(code, message), Json, statusCode: status);
}
