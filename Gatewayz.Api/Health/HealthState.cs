namespace Gatewayz.Api.Health;

/// <summary>This replica's latest computed health, for the monitoring API when Redis is not there.</summary>
public sealed class HealthState
{
    private volatile HealthReport _latest = new([], []);

    public HealthReport Latest
    {
        get => _latest;
        set => _latest = value;
    }
}
