namespace Gatewayz.Api.Resilience;

/// <summary>
/// Values of the <c>reason</c> label of <c>gatewayz_failovers_total</c>: the open breaker, a request the
/// route's format cannot express, an operation the route's provider kind does not serve, or the error type of the failed attempt (<see cref="Providers.UpstreamException.ErrorType"/>).
/// </summary>
public static class FailoverReasons
{
    public const string CircuitOpen = "circuit_open";

    /// <summary>The route's upstream speaks a format that cannot express the request; the request was never sent to it.</summary>
    public const string Untranslatable = "untranslatable";

    /// <summary>
    /// The route's provider kind does not serve the request's operation (an Anthropic upstream asked for embeddings);
    /// the request was never sent to it.
    /// </summary>
    public const string Unsupported = "unsupported";
}
