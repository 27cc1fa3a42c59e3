using System.Text.Json;

namespace Gatewayz.Api.Providers.OpenAiCompatible;

/// <summary>
/// Failures an upstream reports inside a 200 answer: an <c>error</c> object in a stream event or in
/// the body, a choice that finished with <c>finish_reason:"error"</c>, or a stream that ended without
/// saying why. Each is a provider failure like a 5xx, so it is retried, fails over, and counts against
/// the route.
/// </summary>
public static class InBandFailures
{
    /// <summary>The finish reason some upstreams give a choice that broke off.</summary>
    public const string ErrorFinishReason = "error";

    /// <summary>
    /// The failure for a payload that carries an <c>error</c>. Called only once the forward read found
    /// one, so the second, whole-document parse costs nothing on answers that succeed. An OpenAI error
    /// object (with a string <c>message</c>) is kept, redacted, to be relayed to a client whose stream
    /// already began.
    /// </summary>
    public static UpstreamException ErrorObject(ReadOnlySpan<byte> json, string provider, UpstreamRedactor redactor)
    {
        if (UpstreamErrorBody.TryParseError(json, redactor) is not { } said)
            return new UpstreamException(UpstreamFailureKind.ServerError, $"{provider} reported an error in its answer.");
        var message = said.ReportedBy(provider);
        // An error the client must fix (context too long, bad parameter) fails no other route either:
        // it reaches the client as the 400 it is, instead of being retried and failed over.
        if (ClientErrorStatus(said) is { } clientStatus)
            return new UpstreamException(UpstreamFailureKind.ClientError, message, clientStatus, rejection: said with { Provider = provider, Status = clientStatus });
        // The status only picks the error's type where the API has one (Anthropic's overloaded_error).
        var status = IsOverloaded(said) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway;
        return new UpstreamException(UpstreamFailureKind.ServerError, message, rejection: said with { Provider = provider, Status = status });
    }

    /// <summary>
    /// The status of an in-band error that is the client's to fix: OpenAI's <c>invalid_request_error</c>
    /// type is a 400, and a <c>code</c> that is an HTTP client-error status (as OpenRouter sends) is that
    /// status — except those that concern the gateway's own account or may clear (401, 402, 403, 408, 409, 429).
    /// </summary>
    private static int? ClientErrorStatus(UpstreamRejection said)
    {
        if (int.TryParse(said.Code, out var code) && code is >= 400 and < 500)
            return code is 401 or 402 or 403 or 408 or 409 or 429 ? null : code;
        if (said.OpenAiError is not { } error)
            return null;
        using var document = JsonDocument.Parse(error);
        return document.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && type.ValueEquals("invalid_request_error") ? StatusCodes.Status400BadRequest : null;
    }

    /// <summary>A choice that ended with <see cref="ErrorFinishReason"/>.</summary>
    public static UpstreamException FinishedWithError(string provider) =>
        new(UpstreamFailureKind.ServerError, $"{provider} ended its answer with finish_reason \"{ErrorFinishReason}\".");

    /// <summary>A stream that reached <c>[DONE]</c> without any choice saying why it finished: the answer may be cut short.</summary>
    public static UpstreamException NoFinishReason(string provider) =>
        new(UpstreamFailureKind.InvalidResponse, $"{provider} ended the stream without a finish reason.");

    private static bool IsOverloaded(UpstreamRejection said) =>
        said.Code?.Contains("overloaded", StringComparison.OrdinalIgnoreCase) == true
        || said.Message.Contains("overloaded", StringComparison.OrdinalIgnoreCase);
}
