using Gatewayz.AppHost.Stack;

namespace Gatewayz.AppHost.Tests;

/// <summary>
/// <c>Gatewayz:Metrics:ManagementPort</c> in the AppHost: the gateway gets its management endpoint and Prometheus
/// scrapes it there, in both stack modes (the model, built without starting anything).
/// </summary>
public class ManagementPortTests
{
    private const string ManagementPort = $"{GatewayServices.ManagementPortSetting}=9464";

    public static TheoryData<string> Modes => [nameof(StackMode.Containers), nameof(StackMode.Processes)];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Prometheus_scrapes_the_gateway_on_its_management_endpoint(string mode)
    {
        await using var builder = await AppHostModel.CreateAsync(Enum.Parse<StackMode>(mode), ManagementPort);

        var environment = await builder.PublishedEnvironmentAsync("prometheus");

        environment["GATEWAY_API_TARGET"].ShouldBe("{api.bindings.management.host}:{api.bindings.management.port}");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Without_the_setting_prometheus_scrapes_the_api_endpoint(string mode)
    {
        await using var builder = await AppHostModel.CreateAsync(Enum.Parse<StackMode>(mode));

        var environment = await builder.PublishedEnvironmentAsync("prometheus");

        environment["GATEWAY_API_TARGET"].ShouldBe("{api.bindings.http.host}:{api.bindings.http.port}");
        Endpoints(builder).ShouldNotContain(endpoint => endpoint.Name == GatewayServices.ManagementEndpoint);
    }

    [Fact]
    public async Task The_gateway_gets_the_management_endpoint_and_is_told_its_port()
    {
        await using var builder = await AppHostModel.CreateAsync(StackMode.Containers, ManagementPort);

        var endpoint = Endpoints(builder).Single(endpoint => endpoint.Name == GatewayServices.ManagementEndpoint);
        var environment = await builder.PublishedEnvironmentAsync("api");

        endpoint.UriScheme.ShouldBe("http");
        endpoint.Port.ShouldBe(9464);
        environment["Gatewayz__Metrics__ManagementPort"].ShouldBe("{api.bindings.management.targetPort}");
        // The gateway adds the management address to its own; in ASPNETCORE_URLS or HTTP_PORTS as well, it would be bound twice.
        environment.Where(variable => variable.Key.EndsWith("URLS", StringComparison.Ordinal) || variable.Key.EndsWith("PORTS", StringComparison.Ordinal))
            .ShouldAllBe(variable => !variable.Value.Contains(GatewayServices.ManagementEndpoint));
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("metrics")]
    public async Task A_value_that_is_no_port_stops_start_up_naming_the_setting(string value)
    {
        var failure = await AppHostModel.StartUpFailureAsync(
            $"{StackSettings.ModeSetting}={StackMode.Containers}", $"{GatewayServices.ManagementPortSetting}={value}");

        failure.ShouldContain($"{GatewayServices.ManagementPortSetting} is '{value}'");
    }

    private static IEnumerable<EndpointAnnotation> Endpoints(IDistributedApplicationTestingBuilder builder) =>
        builder.Resource("api").Annotations.OfType<EndpointAnnotation>();
}
