using Microsoft.AspNetCore.Http.Features;

namespace Gatewayz.Api.Errors;

/// <summary>
/// The error for a bare status code: an answer the framework made with only a status (routing's 404
/// and 405, a 415 from body binding) or a <see cref="BadHttpRequestException"/>'s, so that every error a
/// client sees has a body in the API's format.
/// </summary>
public static class StatusCodeErrors
{
    /// <summary>Describes <paramref name="status"/> for this request, using what the request and response say about it.</summary>
    public static GatewayError For(HttpContext context, int status) => status switch
    {
        StatusCodes.Status400BadRequest => new(status, "bad_request", "The request could not be read."),
        StatusCodes.Status404NotFound => GatewayError.NotFound(),
        StatusCodes.Status405MethodNotAllowed => GatewayError.MethodNotAllowed(context.Request.Method, context.Response.Headers.Allow.ToString()),
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge(context),
        StatusCodes.Status415UnsupportedMediaType => GatewayError.UnsupportedMediaType(),
        _ => GatewayError.FromStatus(status),
    };

    /// <summary>413 naming the request's body limit (the server's, which the gateway sets to its own).</summary>
    public static GatewayError RequestTooLarge(HttpContext context) =>
        GatewayError.RequestTooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);
}
