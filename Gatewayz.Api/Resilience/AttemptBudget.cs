using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>The attempts one request may still make, shared by its retries and failovers.</summary>
public sealed class AttemptBudget(int attempts)
{
    /// <summary>Where the retry strategy finds the request's budget.</summary>
    public static readonly ResiliencePropertyKey<AttemptBudget> Key = new("gatewayz.attempt-budget");

    private int _remaining = attempts;

    public bool HasRemaining => _remaining > 0;

    public void Take() => _remaining--;
}
