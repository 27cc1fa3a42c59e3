namespace Gatewayz.Api.Resilience;

/// <summary>
/// Values of the <c>reason</c> label of <c>gatewayz_failovers_total</c>: the open breaker, or the
/// error type of the failed attempt (<see cref="Providers.UpstreamException.ErrorType"/>).
/// </summary>
public static class FailoverReasons
{
    public const string CircuitOpen = "circuit_open";
}
