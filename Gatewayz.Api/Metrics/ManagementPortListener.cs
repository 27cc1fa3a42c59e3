using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Metrics;

/// <summary>
/// Adds the management port (<see cref="MetricsOptions.ManagementPort"/>) to the addresses the gateway listens on,
/// keeping the ones it was configured with. Kestrel listens on the <c>Kestrel:Endpoints</c> section when it has any,
/// else on the host's URL list (<c>urls</c>, from <c>ASPNETCORE_URLS</c> or <c>--urls</c>; without it
/// <c>http_ports</c>/<c>https_ports</c>, from <c>ASPNETCORE_HTTP_PORTS</c>; without those its default
/// <c>http://localhost:5000</c>), so the management address joins whichever the configuration uses. Code that calls
/// <c>KestrelServerOptions.Listen</c> would make Kestrel ignore both; the gateway never does.
/// </summary>
internal static class ManagementPortListener
{
    private const string KestrelEndpointsSection = "Kestrel:Endpoints";
    private const string ManagementEndpointName = "GatewayzManagement";
    private const string KestrelDefaultAddress = "http://localhost:5000";

    /// <summary>
    /// Adds <c>http://HOST:PORT</c> to the configured addresses, HOST being the first configured address's host, so
    /// that the management port is reachable from where the API is and no further (a gateway listening on loopback
    /// behind a proxy does not open its metrics to the network). Does nothing without a valid port: start-up
    /// validation then names the setting.
    /// </summary>
    /// <exception cref="OptionsValidationException">The port is one the API is configured to listen on: a port serves the API or the metrics, not both.</exception>
    public static void Add(IConfiguration configuration)
    {
        var port = configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>()?.ManagementPort ?? 0;
        if (port is < 1 or > MetricsOptions.MaxPort) return;

        var endpoints = configuration.GetSection(KestrelEndpointsSection).GetChildren()
            .Select(endpoint => endpoint["Url"]).OfType<string>().ToList();
        var addresses = endpoints.Count > 0 ? endpoints : ConfiguredUrls(configuration);
        if (addresses.FirstOrDefault(address => BindingAddress.Parse(address).Port == port) is { } taken)
        {
            throw new OptionsValidationException(MetricsOptions.SectionName, typeof(MetricsOptions),
                [$"{MetricsOptions.SectionName}:{nameof(MetricsOptions.ManagementPort)} is {port}, a port the API listens on ({taken}); use a port of its own."]);
        }

        var management = $"http://{Host(addresses[0])}:{port}";
        if (endpoints.Count > 0)
            configuration[$"{KestrelEndpointsSection}:{ManagementEndpointName}:Url"] = management;
        else
            // What WebHost.UseUrls does on a WebApplicationBuilder: the host reads "urls" from this configuration.
            configuration[WebHostDefaults.ServerUrlsKey] = string.Join(';', [.. addresses, management]);
    }

    /// <summary>The URL list as the host builds it when it starts the server (GenericWebHostService).</summary>
    private static List<string> ConfiguredUrls(IConfiguration configuration)
    {
        List<string> urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured
            ? [.. Split(configured)]
            : [.. Split(configuration[WebHostDefaults.HttpPortsKey]).Select(port => $"{Uri.UriSchemeHttp}://*:{port}"),
                .. Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(port => $"{Uri.UriSchemeHttps}://*:{port}")];
        return urls.Count > 0 ? urls : [KestrelDefaultAddress];
    }

    private static string[] Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // A Unix socket or named pipe has no host: the management port then stays on this machine.
    private static string Host(string address) =>
        BindingAddress.Parse(address) is { IsUnixPipe: false, IsNamedPipe: false } parsed ? parsed.Host : "localhost";
}
