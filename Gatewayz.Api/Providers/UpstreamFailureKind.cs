namespace Gatewayz.Api.Providers;

public enum UpstreamFailureKind
{
    /// <summary>No connection could be made, or it broke before an answer.</summary>
    Connection,
    /// <summary>The first byte or the whole answer took longer than allowed.</summary>
    Timeout,
    /// <summary>The upstream answered 5xx.</summary>
    ServerError,
    /// <summary>The upstream answered 429.</summary>
    RateLimited,
    /// <summary>The upstream rejected the request itself (4xx): retrying elsewhere will not help.</summary>
    ClientError,
    /// <summary>The upstream answered something that is not a valid response.</summary>
    InvalidResponse,
}
