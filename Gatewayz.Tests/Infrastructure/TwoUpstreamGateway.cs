namespace Gatewayz.Tests.Infrastructure;

/// <summary>
/// A gateway in front of two OpenAI-compatible upstreams (real HTTP servers): <c>upstream</c>, which expects the key
/// <c>upstream-secret</c>, and <c>second</c>; and an Anthropic provider <c>claude</c> at an address nothing listens
/// on, for routes that must be skipped. Retries are off, so each failure fails over at once. Test classes add the
/// models they route (<see cref="ModelSettings"/>).
/// </summary>
public abstract class TwoUpstreamGateway : IAsyncLifetime
{
    protected FakeUpstream Upstream { get; private set; } = null!;
    protected FakeUpstream Second { get; private set; } = null!;
    protected GatewayHost Gateway { get; private set; } = null!;

    /// <summary>The catalog settings of the test's models (<c>Gatewayz:Models:…</c>).</summary>
    protected abstract IReadOnlyDictionary<string, string?> ModelSettings { get; }

    public async Task InitializeAsync()
    {
        Upstream = await FakeUpstream.StartAsync();
        Second = await FakeUpstream.StartAsync();
        var settings = new Dictionary<string, string?>(ModelSettings)
        {
            ["Gatewayz:Providers:upstream:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:upstream:BaseUrl"] = Upstream.BaseUrl.ToString(),
            ["Gatewayz:Providers:upstream:ApiKey"] = "upstream-secret",
            ["Gatewayz:Providers:second:Kind"] = "OpenAiCompatible",
            ["Gatewayz:Providers:second:BaseUrl"] = Second.BaseUrl.ToString(),
            ["Gatewayz:Providers:claude:Kind"] = "Anthropic",
            ["Gatewayz:Providers:claude:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Gatewayz:Resilience:Retry:MaxRetries"] = "0",
        };
        Gateway = GatewayHost.Start(settings);
    }

    public async Task DisposeAsync()
    {
        Gateway.Dispose();
        await Upstream.DisposeAsync();
        await Second.DisposeAsync();
    }
}
