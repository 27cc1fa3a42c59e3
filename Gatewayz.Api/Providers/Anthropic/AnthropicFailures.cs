using Gatewayz.Api.Providers.OpenAiCompatible;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Providers.Anthropic;

/// <summary>
/// Failures an Anthropic upstream reports inside a 200 answer: an <c>error</c> event in its stream, or a
/// body of <c>"type":"error"</c>. They become the same failure kinds as an OpenAI upstream's, and the error
/// object reaches an Anthropic client as it was sent (its <c>type</c> included).
/// </summary>
public static class AnthropicFailures
{
    /// <summary>
    /// The failure an error object describes, by its <c>type</c>: what the client must fix
    /// (<c>invalid_request_error</c>, <c>request_too_large</c>, <c>not_found_error</c>) is relayed, not retried;
    /// <c>rate_limit_error</c> is a rate limit; the gateway's own account at the provider
    /// (<c>authentication_error</c>, <c>permission_error</c>, <c>billing_error</c>) and everything else —
    /// <c>overloaded_error</c>, <c>api_error</c> — are provider failures that another attempt or route may cure.
    /// </summary>
    public static UpstreamException ErrorObject(ReadOnlySpan<byte> json, string provider, UpstreamRedactor redactor)
    {
        if (UpstreamErrorBody.TryParseError(json, redactor, WireFormat.Anthropic) is not { } said)
            return new UpstreamException(UpstreamFailureKind.ServerError, $"{provider} reported an error in its answer.");
        var message = said.ReportedBy(provider);
        UpstreamException Relayed(UpstreamFailureKind kind, int status) =>
            new(kind, message, kind == UpstreamFailureKind.ClientError ? status : null, rejection: said with { Provider = provider, Status = status });
        return said.Code switch
        {
            "invalid_request_error" => Relayed(UpstreamFailureKind.ClientError, StatusCodes.Status400BadRequest),
            "request_too_large" => Relayed(UpstreamFailureKind.ClientError, StatusCodes.Status413PayloadTooLarge),
            "not_found_error" => Relayed(UpstreamFailureKind.ClientError, StatusCodes.Status404NotFound),
            "rate_limit_error" => Relayed(UpstreamFailureKind.RateLimited, StatusCodes.Status429TooManyRequests),
            "authentication_error" or "permission_error" or "billing_error" => new UpstreamException(UpstreamFailureKind.ServerError, message),
            "overloaded_error" => Relayed(UpstreamFailureKind.ServerError, StatusCodes.Status503ServiceUnavailable),
            _ => Relayed(UpstreamFailureKind.ServerError, StatusCodes.Status502BadGateway),
        };
    }

    /// <summary>A stream that closed before <c>message_stop</c>: the answer may be cut short.</summary>
    public static UpstreamException NoMessageStop(string provider) =>
        new(UpstreamFailureKind.Connection, $"{provider} closed the stream before message_stop.");
}
