using Polly.CircuitBreaker;

namespace Gatewayz.Api.Resilience;

/// <summary>The breaker state names: lower case for metric labels, upper case for the monitoring API (the shape its clients expect).</summary>
public static class BreakerStates
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    public static readonly string[] All = [Closed, Open, HalfOpen];

    public static string Of(CircuitState state) => state switch
    {
        CircuitState.Open or CircuitState.Isolated => Open,
        CircuitState.HalfOpen => HalfOpen,
        _ => Closed,
    };

    public static string ForApi(string state) => state switch
    {
        Open => "OPEN",
        HalfOpen => "HALF_OPEN",
        _ => "CLOSED",
    };
}
