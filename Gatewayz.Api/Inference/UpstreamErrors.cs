using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Inference;

/// <summary>What the client is told when no route could serve its request.</summary>
public static class UpstreamErrors
{
    /// <summary>The code of an upstream rejection that did not name one (or whose body was not an OpenAI error).</summary>
    public const string RejectedCode = "upstream_rejected_request";

    public static GatewayError ToGatewayError(UpstreamException? failure, string model) => failure?.Kind switch
    {
        null => new GatewayError(StatusCodes.Status503ServiceUnavailable, "no_available_provider",
            $"No provider is available for '{model}' right now. Try again shortly."),
        UpstreamFailureKind.ClientError => Rejected(failure),
        UpstreamFailureKind.RateLimited => new GatewayError(StatusCodes.Status429TooManyRequests, "upstream_rate_limited",
            $"Every provider for '{model}' is rate limiting. Try again later.", RetryAfter: failure.RetryAfter ?? TimeSpan.FromSeconds(1)),
        UpstreamFailureKind.Timeout => new GatewayError(StatusCodes.Status504GatewayTimeout, "upstream_timeout",
            $"The provider for '{model}' did not answer in time."),
        // An upstream that explained its failure in its answer (an error object): its words reach the client.
        _ when failure.Rejection is not null => Rejected(failure),
        _ => new GatewayError(StatusCodes.Status502BadGateway, "upstream_error",
            $"The provider for '{model}' failed ({failure.ErrorType})."),
    };

    /// <summary>
    /// What a client whose stream already began is told in its error event: the upstream's own error
    /// object when it reported one in the stream (relayed field for field), otherwise the same error
    /// the client would have received as a response.
    /// </summary>
    public static GatewayError ForStream(UpstreamException failure, string model) =>
        failure.Rejection is not null ? Rejected(failure) : ToGatewayError(failure, model);

    /// <summary>The upstream's own status, message and fields: the client may act on them (compact history on <c>context_length_exceeded</c>).</summary>
    private static GatewayError Rejected(UpstreamException failure) => failure.Rejection is { } rejection
        ? new GatewayError(rejection.Status, rejection.Code ?? RejectedCode, rejection.Message, rejection.Param,
            Provider: rejection.Provider, UpstreamOpenAiError: rejection.OpenAiError, UpstreamAnthropicError: rejection.AnthropicError)
        : new GatewayError(StatusCodes.Status400BadRequest, RejectedCode, $"The provider rejected the request: {failure.Message}");
}
