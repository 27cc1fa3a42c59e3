using Gatewayz.AppHost.Processes;
using Gatewayz.AppHost.Stack;

namespace Gatewayz.AppHost.Tests;

/// <summary>The stack mode setting and the Processes-mode model, built without starting anything.</summary>
public class StackModeTests
{
    private static readonly string[] LocalServers = ["redis", "postgres", "prometheus", "alertmanager"];

    [Fact]
    public async Task Processes_mode_runs_the_four_servers_as_local_executables_under_the_container_names()
    {
        await using var builder = await AppHostModel.CreateAsync(StackMode.Processes);

        foreach (var name in LocalServers)
            builder.Resource(name).ShouldBeAssignableTo<ExecutableResource>(name);
        builder.Resource("gatewayz").ShouldBeOfType<LocalPostgresDatabaseResource>().Parent.Name.ShouldBe("postgres");
        builder.Resource("api").ShouldBeOfType<ProjectResource>();
        builder.Resource("aggregator").ShouldBeOfType<ProjectResource>();
    }

    [Fact]
    public async Task Processes_mode_leaves_out_every_service_without_a_local_binary()
    {
        await using var builder = await AppHostModel.CreateAsync(StackMode.Processes);

        ProcessStack.LeftOut.Keys.ShouldBe(["grafana", "loki", "tempo", "mimir", "pyroscope", "otel-collector", "redis-exporter"], ignoreOrder: true);
        builder.Resources.Select(resource => resource.Name).Intersect(ProcessStack.LeftOut.Keys).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(nameof(StackMode.Containers))]
    [InlineData(nameof(StackMode.Processes))]
    public async Task The_services_get_the_same_connection_strings_and_admin_token_in_both_modes(string mode)
    {
        await using var builder = await AppHostModel.CreateAsync(Enum.Parse<StackMode>(mode));

        foreach (var name in new[] { "api", "aggregator" })
        {
            var environment = await builder.PublishedEnvironmentAsync(name);
            environment["ConnectionStrings__redis"].ShouldBe("{redis.connectionString}");
            environment["ConnectionStrings__gatewayz"].ShouldBe("{gatewayz.connectionString}");
        }
        (await builder.PublishedEnvironmentAsync("api"))["Gatewayz__AdminToken"].ShouldBe("{gateway-admin-token.value}");
    }

    [Fact]
    public async Task Local_prometheus_scrapes_the_services_and_alertmanager_and_renders_absent_backends_without_targets()
    {
        await using var builder = await AppHostModel.CreateAsync(StackMode.Processes);

        var environment = await builder.PublishedEnvironmentAsync("prometheus");
        var args = await builder.PublishedArgumentsAsync("prometheus");

        args[0].ShouldBe("../containers/prometheus/entrypoint.sh");
        environment["GATEWAY_API_TARGET"].ShouldContain("api.bindings.http");
        environment["AGGREGATOR_TARGET"].ShouldContain("aggregator.bindings.http");
        environment["ALERTMANAGER_TARGET"].ShouldContain("alertmanager.bindings.http");
        foreach (var absent in new[] { "REDIS_EXPORTER_TARGET", "MIMIR_TARGET", "TEMPO_TARGET", "LOKI_TARGET", "MIMIR_REMOTE_WRITE_URL" })
            environment[absent].ShouldBeEmpty(absent);
    }

    [Fact]
    public async Task Run_locally_alert_mail_goes_to_this_machine_until_an_smtp_host_is_set()
    {
        await using var builder = await AppHostModel.CreateAsync(StackMode.Processes);

        var smtpHost = builder.Resource("smtp-host").ShouldBeOfType<ParameterResource>();

        (await smtpHost.GetValueAsync(CancellationToken.None)).ShouldBe(AlertEmailSettings.LocalSmtpHost);
    }

    [Theory]
    [InlineData("Kubernetes")]
    [InlineData("1")] // a number would otherwise parse as an enum value
    [InlineData("Processes,Containers")]
    public async Task An_unknown_mode_stops_start_up_with_a_message_naming_the_setting(string mode)
    {
        var failure = await AppHostModel.StartUpFailureAsync($"{StackSettings.ModeSetting}={mode}");

        failure.ShouldContain($"{StackSettings.ModeSetting} is '{mode}'");
    }

    [Fact]
    public async Task A_postgres_folder_without_postgres_stops_start_up_naming_the_setting()
    {
        var failure = await AppHostModel.StartUpFailureAsync($"{StackSettings.ModeSetting}=Processes", $"{LocalBinaries.PostgresBinDirectorySetting}=/nonexistent");

        failure.ShouldContain($"{LocalBinaries.PostgresBinDirectorySetting} is '/nonexistent'");
    }

    [Fact]
    public async Task A_data_directory_that_is_a_symbolic_link_is_refused()
    {
        var target = Directory.CreateTempSubdirectory("gwz-link-target-").FullName;
        var link = Path.Combine(Path.GetTempPath(), $"gwz-link-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(link, target);
        try
        {
            var failure = await AppHostModel.StartUpFailureAsync($"{StackSettings.ModeSetting}=Processes", $"{StackSettings.DataDirectorySetting}={link}");

            failure.ShouldContain($"{link} is a symbolic link");
            Directory.GetFileSystemEntries(target).ShouldBeEmpty();
        }
        finally
        {
            File.Delete(link);
            Directory.Delete(target, recursive: true);
        }
    }
}
