using Gatewayz.Api.Errors;
using Microsoft.AspNetCore.RequestDecompression;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Gatewayz.Api.Http;

/// <summary>
/// Runs after request decompression, which removes the Content-Encoding header of every body it decodes
/// and passes any other body through untouched. A Content-Encoding still present is one the gateway
/// cannot read, so the request gets 415 instead of a confusing JSON error about compressed bytes.
/// </summary>
public sealed class UnsupportedContentEncodingMiddleware(RequestDelegate next, IOptions<RequestDecompressionOptions> decompression)
{
    private readonly string[] _supported = [.. decompression.Value.DecompressionProviders.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Passes the request on unless it declares an encoding no decompression provider decoded.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var encoding = context.Request.Headers.ContentEncoding;
        if (StringValues.IsNullOrEmpty(encoding) || IsIdentity(encoding))
            return next(context);
        return ErrorResponses.WriteAsync(context, GatewayError.UnsupportedContentEncoding(encoding.ToString(), _supported));
    }

    /// <summary>"identity" means no encoding at all; some clients state it explicitly.</summary>
    private static bool IsIdentity(StringValues encoding) =>
        encoding.Count == 1 && string.Equals(encoding.ToString().Trim(), "identity", StringComparison.OrdinalIgnoreCase);
}
