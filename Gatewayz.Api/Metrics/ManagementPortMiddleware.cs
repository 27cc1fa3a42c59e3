using Gatewayz.Api.Metrics.Structured;
using Microsoft.Extensions.Options;
using ServiceDefaults = Microsoft.Extensions.Hosting.Extensions;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// With a management port (<see cref="MetricsOptions.ManagementPort"/>), each port serves its own paths: the
/// management port the metrics and the health checks and nothing else, the API's ports everything but the metrics.
/// A request for a path its port does not serve is routed nowhere (its endpoint is cleared), so it ends as an
/// unknown path does: the framework's 404, in the API's error format, counted under the route <c>unmatched</c>.
/// The port is the connection's local one, never the Host header, which is the client's to choose.
/// </summary>
/// <remarks>Runs after routing and before anything that reads the endpoint (the HTTP metrics, the endpoint itself).</remarks>
public sealed class ManagementPortMiddleware(RequestDelegate next, IOptions<MetricsOptions> options)
{
    private readonly int _managementPort = options.Value.ManagementPort;

    public Task InvokeAsync(HttpContext context)
    {
        if (!Serves(context.Connection.LocalPort == _managementPort, context.Request.Path))
            context.SetEndpoint(null);
        return next(context);
    }

    private static bool Serves(bool managementPort, PathString path) =>
        IsMetrics(path) ? managementPort : !managementPort || IsHealth(path);

    // StartsWithSegments ignores case and a trailing slash, as routing does, so no spelling of a metrics path
    // that routing would match slips past it.
    private static bool IsMetrics(PathString path) =>
        path.StartsWithSegments(MetricsEndpoints.ScrapePath) || path.StartsWithSegments(StructuredMetricsEndpoints.PathPrefix);

    private static bool IsHealth(PathString path) =>
        path.StartsWithSegments(ServiceDefaults.HealthEndpointPath) || path.StartsWithSegments(ServiceDefaults.AlivenessEndpointPath);
}
