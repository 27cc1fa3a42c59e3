namespace Gatewayz.Tests.Grafana.Live;

public sealed record LoadResult(int Succeeded, int Failed)
{
    public int Total => Succeeded + Failed;
}
