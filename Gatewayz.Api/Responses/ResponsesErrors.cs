using Gatewayz.Api.Errors;

namespace Gatewayz.Api.Responses;

/// <summary>The Responses API's own refusals, in OpenAI's error shape (<see cref="GatewayError"/>).</summary>
public static class ResponsesErrors
{
    /// <summary>
    /// A 400 <c>unsupported_parameter</c> naming <paramref name="path"/>: something OpenAI's Responses API can say that
    /// the gateway's bridge through chat completions cannot carry (a built-in tool, an item type, background mode).
    /// Refused rather than dropped: the answer would otherwise not be the one the client asked for.
    /// </summary>
    public static GatewayException Unsupported(string path, string detail) =>
        new(new GatewayError(StatusCodes.Status400BadRequest, "unsupported_parameter", $"Unsupported parameter: '{GatewayError.Truncate(path)}': {detail}", path));

    /// <summary>
    /// OpenAI's answer to a <c>previous_response_id</c> it does not have (never stored, expired, deleted, or another
    /// user's): a 400 <c>previous_response_not_found</c> naming the field.
    /// </summary>
    public static GatewayException PreviousResponseNotFound(string id) =>
        new(new GatewayError(StatusCodes.Status400BadRequest, "previous_response_not_found",
            $"Previous response with id '{GatewayError.Truncate(id)}' not found.", "previous_response_id"));

    /// <summary><c>GET</c> or <c>DELETE /v1/responses/{id}</c> of a response the caller has not stored: 404, as OpenAI answers.</summary>
    public static GatewayException ResponseNotFound(string id) =>
        new(new GatewayError(StatusCodes.Status404NotFound, "not_found", $"Response with id '{GatewayError.Truncate(id)}' not found.", "response_id"));
}
