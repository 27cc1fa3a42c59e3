namespace Gatewayz.Api.Providers;

public sealed class UpstreamException(
    UpstreamFailureKind kind,
    string message,
    int? statusCode = null,
    TimeSpan? retryAfter = null,
    Exception? inner = null,
    UpstreamRejection? rejection = null) : Exception(message, inner)
{
    public UpstreamFailureKind Kind { get; } = kind;
    public int? StatusCode { get; } = statusCode;
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>For a <see cref="UpstreamFailureKind.ClientError"/>: what the upstream said, to be passed on to the client.</summary>
    public UpstreamRejection? Rejection { get; } = rejection;

    /// <summary>The label value for metrics and the <c>error.type</c> span attribute.</summary>
    public string ErrorType => Kind switch
    {
        UpstreamFailureKind.Connection => "connection_error",
        UpstreamFailureKind.Timeout => "timeout",
        UpstreamFailureKind.ServerError => "server_error",
        UpstreamFailureKind.RateLimited => "rate_limited",
        UpstreamFailureKind.ClientError => "client_error",
        _ => "invalid_response",
    };
}
