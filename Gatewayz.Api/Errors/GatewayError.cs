using Gatewayz.Api.Catalog;

namespace Gatewayz.Api.Errors;

/// <summary>
/// A failure the client should see, independent of wire format; <see cref="OpenAiErrorFormat"/>
/// and <see cref="AnthropicErrorFormat"/> render it.
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Code">OpenAI's <c>error.code</c>.</param>
/// <param name="Message">The human-readable explanation.</param>
/// <param name="Param">OpenAI's <c>error.param</c>: the request field at fault.</param>
/// <param name="RetryAfter">Sent as <c>Retry-After</c>.</param>
/// <param name="Provider">The provider that rejected the request, when the error is the upstream's rather than the gateway's.</param>
/// <param name="UpstreamOpenAiError">The upstream's own <c>error</c> object (UTF-8 JSON), relayed as it is in OpenAI's format.</param>
/// <param name="UpstreamAnthropicError">An Anthropic upstream's own <c>error</c> object (UTF-8 JSON), relayed as it is in Anthropic's format.</param>
public sealed record GatewayError(int Status, string Code, string Message, string? Param = null, TimeSpan? RetryAfter = null,
    string? Provider = null, byte[]? UpstreamOpenAiError = null, byte[]? UpstreamAnthropicError = null)
{
    public static GatewayError InvalidJson(string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid_json", $"The request body is not valid JSON: {detail}");

    public static GatewayError MissingField(string field) =>
        new(StatusCodes.Status400BadRequest, "missing_required_parameter", $"Missing required parameter: '{field}'.", field);

    public static GatewayError InvalidValue(string field, string expectation) =>
        new(StatusCodes.Status400BadRequest, "invalid_value", $"Invalid value for '{field}': {expectation}", field);

    /// <summary>
    /// A key given twice in one JSON object. RFC 8259 leaves what that means to each parser — some keep the first
    /// copy, some the last — so the gateway and an upstream could read different requests from the same body.
    /// </summary>
    public static GatewayError DuplicateKey(string path) =>
        new(StatusCodes.Status400BadRequest, "duplicate_key", $"Duplicate key '{path}': each key may appear once in an object.", path);

    public static GatewayError MissingApiKey() =>
        new(StatusCodes.Status401Unauthorized, "missing_api_key", "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'.");

    public static GatewayError InvalidApiKey() =>
        new(StatusCodes.Status401Unauthorized, "invalid_api_key", "Incorrect API key provided.");

    public static GatewayError ModelNotFound(string model) =>
        new(StatusCodes.Status404NotFound, "model_not_found", $"The model '{Truncate(model)}' does not exist or you do not have access to it.", "model");

    /// <summary>
    /// The model exists but does not serve the endpoint asked (an embedding model on <c>/v1/chat/completions</c>):
    /// a 400 on <c>model</c> naming what the model serves, as OpenAI answers a model used on the wrong endpoint.
    /// </summary>
    public static GatewayError OperationNotServed(CatalogModel model, ModelOperation requested) =>
        new(StatusCodes.Status400BadRequest, "model_not_supported",
            $"The model '{model.Id}' does not serve {ModelOperations.NameOf(requested)} ({ModelOperations.PathsOf(requested)}); "
            + $"it serves {ModelOperations.Describe(model.Operations)}.", "model");

    /// <summary>
    /// The model serves the operation, but the provider kind of a route cannot (an Anthropic upstream asked for
    /// embeddings): what the client hears when no route of the model can.
    /// </summary>
    public static GatewayError OperationUnsupportedByRoute(string model, ModelOperation operation) =>
        new(StatusCodes.Status400BadRequest, "model_not_supported",
            $"The model '{Truncate(model)}' has no route whose provider serves {ModelOperations.NameOf(operation)} ({ModelOperations.PathsOf(operation)}).", "model");

    public static GatewayError RequestTooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The request body exceeds the limit of {limit} bytes.");

    public static GatewayError UnsupportedMediaType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "The request body must be JSON (Content-Type: application/json).");

    public static GatewayError UnsupportedContentEncoding(string encoding, IEnumerable<string> supported) =>
        new(StatusCodes.Status415UnsupportedMediaType, "unsupported_content_encoding",
            $"The Content-Encoding '{Truncate(encoding)}' is not supported; send the body uncompressed or as {string.Join(", ", supported)}.");

    public static GatewayError CorruptCompressedBody(string encoding) =>
        new(StatusCodes.Status400BadRequest, "invalid_content_encoding", $"The request body is not valid '{Truncate(encoding)}' data.");

    public static GatewayError NotFound() =>
        new(StatusCodes.Status404NotFound, "not_found", "No such endpoint.");

    public static GatewayError MethodNotAllowed(string method, string allowed) =>
        new(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", $"The method '{Truncate(method)}' is not allowed on this endpoint; allowed: {allowed}.");

    /// <summary>A status the gateway has no specific message for, described by its reason phrase.</summary>
    public static GatewayError FromStatus(int status)
    {
        var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return phrase.Length == 0
            ? new(status, $"http_{status}", $"The request failed with HTTP status {status}.")
            : new(status, string.Join('_', new string([.. phrase.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ')])
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)), phrase + ".");
    }

    public static GatewayError Internal() =>
        new(StatusCodes.Status500InternalServerError, "internal_error", "The gateway failed to process the request. It has been logged.");

    /// <summary>For what a client sent and an error echoes back (model names, field paths): it could be megabytes.</summary>
    public static string Truncate(string value) => value.Length <= 128 ? value : string.Concat(value.AsSpan(0, 128), "…");
}
