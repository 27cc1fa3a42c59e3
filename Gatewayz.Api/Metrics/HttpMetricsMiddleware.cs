using System.Diagnostics;
using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Records the HTTP part of the catalog. Routes are the endpoint's template, never the raw path, so
/// that clients probing random URLs cannot grow the number of series.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    private const string Unmatched = "unmatched";

    public async Task InvokeAsync(HttpContext context)
    {
        var method = MethodLabel(context.Request.Method);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
        var started = Stopwatch.GetTimestamp();
        var inProgress = metrics.HttpRequestsInProgress.WithLabels(method, route);
        inProgress.Inc();
        var status = 0;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        catch (GatewayException exception)
        {
            status = exception.Error.Status;
            throw;
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            status = StatusCodes.Status500InternalServerError;
            metrics.HttpExceptions.WithLabels(route, exception.GetType().Name).Inc();
            throw;
        }
        finally
        {
            inProgress.Dec();
            if (status == 0) status = 499; // client closed the request
            metrics.HttpRequests.WithLabels(method, route, StatusLabel(status)).Inc();
            metrics.HttpRequestDuration.WithLabels(method, route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (context.Request.ContentLength is { } requestSize)
                metrics.HttpRequestSize.WithLabels(method, route).Observe(requestSize);
            if (context.Response.ContentLength is { } responseSize)
                metrics.HttpResponseSize.WithLabels(method, route).Observe(responseSize);
        }
    }

    private static string MethodLabel(string method) => method switch
    {
        "GET" or "POST" or "PUT" or "DELETE" or "PATCH" or "HEAD" or "OPTIONS" => method,
        _ => MetricLabels.Other,
    };

    private static readonly string[] StatusLabels = [.. Enumerable.Range(0, 600).Select(code => code.ToString())];

    private static string StatusLabel(int status) => status is >= 100 and < 600 ? StatusLabels[status] : MetricLabels.Other;
}
