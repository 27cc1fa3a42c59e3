using Gatewayz.Api.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Gatewayz.Tests.Metrics;

/// <summary>
/// The management port joins the addresses the gateway was configured with, on the host of the first one, in the
/// place Kestrel reads them from (the URL list, or the Kestrel:Endpoints section when that has endpoints).
/// </summary>
public sealed class ManagementPortListenerTests
{
    private const string PortSetting = "Gatewayz:Metrics:ManagementPort";

    [Theory]
    [InlineData("urls", "http://127.0.0.1:5080", "http://127.0.0.1:5080;http://127.0.0.1:9464")]
    [InlineData("urls", "http://localhost:5080; https://localhost:5443", "http://localhost:5080;https://localhost:5443;http://localhost:9464")]
    [InlineData("urls", "http://[::1]:5080", "http://[::1]:5080;http://[::1]:9464")]
    [InlineData("urls", "http://unix:/run/gatewayz.sock", "http://unix:/run/gatewayz.sock;http://localhost:9464")]
    [InlineData("http_ports", "8080", "http://*:8080;http://*:9464")]
    [InlineData("https_ports", "8443", "https://*:8443;http://*:9464")]
    public void The_management_address_joins_the_configured_urls_on_the_first_ones_host(string key, string value, string urls)
    {
        var configuration = Configuration((key, value), (PortSetting, "9464"));

        ManagementPortListener.Add(configuration);

        configuration["urls"].ShouldBe(urls);
    }

    [Theory]
    [InlineData("http_ports", "")]
    [InlineData("urls", ";")]
    public void Without_configured_addresses_it_joins_kestrels_default(string key, string value)
    {
        var configuration = Configuration((key, value), (PortSetting, "9464"));

        ManagementPortListener.Add(configuration);

        configuration["urls"].ShouldBe("http://localhost:5000;http://localhost:9464");
    }

    [Fact]
    public void With_kestrel_endpoints_it_is_one_more_endpoint_and_the_url_list_stays_as_it_was()
    {
        // Kestrel then ignores the URL list: an address added there would never be listened on.
        var configuration = Configuration(("Kestrel:Endpoints:Api:Url", "http://10.0.0.5:8080"), ("urls", "http://127.0.0.1:5080"), (PortSetting, "9464"));

        ManagementPortListener.Add(configuration);

        configuration["Kestrel:Endpoints:GatewayzManagement:Url"].ShouldBe("http://10.0.0.5:9464");
        configuration["urls"].ShouldBe("http://127.0.0.1:5080");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("70000")] // start-up validation names the setting
    public void Without_a_valid_port_the_addresses_are_left_alone(string? port)
    {
        var configuration = port is null ? Configuration(("urls", "http://127.0.0.1:5080")) : Configuration(("urls", "http://127.0.0.1:5080"), (PortSetting, port));

        ManagementPortListener.Add(configuration);

        configuration["urls"].ShouldBe("http://127.0.0.1:5080");
        configuration.GetSection("Kestrel").Exists().ShouldBeFalse();
    }

    [Theory]
    [InlineData("urls", "http://*:9464")]
    [InlineData("http_ports", "8080;9464")]
    [InlineData("Kestrel:Endpoints:Api:Url", "http://127.0.0.1:9464")]
    public void A_port_the_api_listens_on_is_refused_naming_the_setting(string key, string value)
    {
        var configuration = Configuration((key, value), (PortSetting, "9464"));

        var failure = Should.Throw<OptionsValidationException>(() => ManagementPortListener.Add(configuration));

        failure.Message.ShouldContain($"{PortSetting} is 9464, a port the API listens on");
    }

    private static ConfigurationManager Configuration(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)));
        return configuration;
    }
}
