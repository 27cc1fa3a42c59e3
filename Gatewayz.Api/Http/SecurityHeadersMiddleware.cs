namespace Gatewayz.Api.Http;

/// <summary>
/// Headers every answer the application writes carries (an endpoint, the error handler, the framework's 404 and 405;
/// not Kestrel's own answers to a request it cannot parse, which never reach the application, and have empty bodies):
/// <c>X-Content-Type-Options: nosniff</c>, so a browser never reads a JSON answer, or an upstream's text
/// echoed in it, as HTML or script; <c>Referrer-Policy: no-referrer</c>; and <c>X-Frame-Options: DENY</c>, as
/// no answer is a page to frame. Answers under <see cref="NoStorePaths"/> can carry secrets (a new API key) or
/// account and business data (balances, spend, every customer's traffic), and get <c>Cache-Control: no-store</c> so that no cache keeps them. (Kestrel's
/// <c>Server</c> header is switched off where the server is configured.)
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    /// <summary>Paths whose answers no cache may store.</summary>
    public static readonly PathString[] NoStorePaths = ["/admin", "/api/monitoring"];

    public Task InvokeAsync(HttpContext context)
    {
        // Set before the endpoint runs: nothing later removes response headers the gateway did not set itself.
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        foreach (var path in NoStorePaths)
        {
            if (context.Request.Path.StartsWithSegments(path))
                headers.CacheControl = "no-store";
        }
        return next(context);
    }
}
