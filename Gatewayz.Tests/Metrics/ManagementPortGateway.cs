using System.Globalization;
using Gatewayz.Api.Metrics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Metrics;

/// <summary>
/// One gateway process listening on its API port and on a management port (<c>Gatewayz:Metrics:ManagementPort</c>),
/// for the tests of a class that only read its answers. A real process: the in-process test server has no ports.
/// </summary>
public sealed class ManagementPortGateway : IAsyncLifetime
{
    private GatewayProcess? _process;

    public GatewayProcess Process => _process ?? throw new InvalidOperationException("The gateway has not started.");

    /// <summary><c>http://127.0.0.1:PORT</c> of the management port.</summary>
    public Uri ManagementUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        _process = await GatewayProcess.StartAsync(new Dictionary<string, string?>
        {
            [$"{MetricsOptions.SectionName}:{nameof(MetricsOptions.ManagementPort)}"] = port.ToString(CultureInfo.InvariantCulture),
        });
        // The process is waited for on its API port; Kestrel binds the management address after it.
        await _process.WaitForPortAsync(port);
        ManagementUrl = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A client of the management port, sending the development API key (which must not help there).</summary>
    public HttpClient CreateManagementClient() => GatewayHost.CreateHttpClient(ManagementUrl, GatewayHost.DevelopmentKey);

    /// <summary>A client of the API port with the development API key.</summary>
    public HttpClient CreateApiClient() => Process.CreateHttpClient(GatewayHost.DevelopmentKey);

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }
}
