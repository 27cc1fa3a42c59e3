using System.Text.Json;
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

    /// <summary>
    /// The error for a <see cref="BadHttpRequestException"/>. A body the framework could not bind as JSON is told
    /// apart: malformed JSON is <see cref="GatewayError.InvalidJson"/>, a repeated key <see cref="GatewayError.DuplicateKey"/>,
    /// and a value that cannot be read as its field's type (a string for a number, a number out of the type's range,
    /// an unpaired surrogate in a string) <see cref="GatewayError.InvalidValue"/>; both name the field by its JSON
    /// path (<c>amount</c>, <c>roles[0]</c>).
    /// </summary>
    public static GatewayError ForBadRequest(HttpContext context, BadHttpRequestException exception) =>
        exception.InnerException is JsonException json ? ForUnboundJson(json) : For(context, exception.StatusCode);

    /// <summary>413 naming the request's body limit (the server's, which the gateway sets to its own).</summary>
    public static GatewayError RequestTooLarge(HttpContext context) =>
        GatewayError.RequestTooLarge(context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0);

    private static GatewayError ForUnboundJson(JsonException json)
    {
        // The reader's own exception inside the serializer's: the text is not JSON at all.
        if (json.InnerException is JsonException reader)
            return GatewayError.InvalidJson(reader.Message);
        if (json.Path is not { Length: > 2 } path || !path.StartsWith("$.", StringComparison.Ordinal))
            return GatewayError.InvalidJson("the body must be a JSON object.");
        var field = GatewayError.Truncate(path[2..]);
        // The serializer tells a repeated key (AllowDuplicateProperties = false) only by its message; were that to change,
        // the answer would still be a 400 naming the field.
        return json.InnerException is null && json.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
            ? GatewayError.DuplicateKey(field)
            : GatewayError.InvalidValue(field, json.InnerException?.Message ?? "the JSON value cannot be read as this field's type.");
    }
}
