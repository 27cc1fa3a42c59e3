namespace Gatewayz.Tests.Infrastructure;

/// <summary>One calm gateway (<see cref="GatewayHost.Start"/>) for all the tests of a class that only read its answers.</summary>
public sealed class GatewayFixture : IDisposable
{
    public GatewayHost Gateway { get; } = GatewayHost.Start();

    public void Dispose() => Gateway.Dispose();
}
