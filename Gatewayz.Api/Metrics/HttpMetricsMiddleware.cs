using System.Diagnostics;
using Gatewayz.Api.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Records the HTTP part of the catalog. Routes are the endpoint's template, never the raw path, so
/// that clients probing random URLs cannot grow the number of series. Response sizes are the bytes
/// actually written (streams included); error bodies written later by the error handler are not counted.
/// </summary>
public sealed class HttpMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    private const string Unmatched = "unmatched";

    private readonly SeriesCache<HttpSeries> _series = new(metrics, static (m, method, route) => new HttpSeries(m, method, route));

    public async Task InvokeAsync(HttpContext context)
    {
        var method = MethodLabel(context.Request.Method);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? Unmatched;
        var started = Stopwatch.GetTimestamp();
        var series = _series.Get(method, route);
        series.InProgress.Inc();
        var originalBody = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var countingBody = new CountingResponseBody(originalBody);
        context.Features.Set<IHttpResponseBodyFeature>(countingBody);
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
        catch (BadHttpRequestException exception)
        {
            // A request the client framed badly or sent too slowly: its 4xx, not a server fault.
            status = exception.StatusCode;
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
            series.InProgress.Dec();
            context.Features.Set(originalBody);
            if (status == 0) status = 499; // client closed the request
            (status is >= 100 and < 600 ? series.Requests(status, StatusLabels[status]) : metrics.HttpRequests.WithLabels(method, route, MetricLabels.Other)).Inc();
            series.Duration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (context.Request.ContentLength is { } requestSize)
                series.RequestSize.Observe(requestSize);
            if (countingBody.BytesWritten > 0 || context.Response.ContentLength is not null)
                series.ResponseSize.Observe(Math.Max(countingBody.BytesWritten, context.Response.ContentLength ?? 0));
        }
    }

    private static string MethodLabel(string method) => method switch
    {
        "GET" or "POST" or "PUT" or "DELETE" or "PATCH" or "HEAD" or "OPTIONS" => method,
        _ => MetricLabels.Other,
    };

    private static readonly string[] StatusLabels = [.. Enumerable.Range(0, 600).Select(code => code.ToString())];
}
