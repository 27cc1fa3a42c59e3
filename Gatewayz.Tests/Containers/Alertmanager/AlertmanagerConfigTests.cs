namespace Gatewayz.Tests.Containers.Alertmanager;

/// <summary>The rendered alertmanager.yml passes amtool 0.25 and routes every row of the routing table.</summary>
public sealed class AlertmanagerConfigTests
{
    private static readonly Dictionary<string, string> Mail = new()
    {
        ["SMTP_HOST"] = "smtp.example:465",
        ["SMTP_FROM"] = "alerts@example.test",
        ["SMTP_USER"] = "alerts-user",
        ["SMTP_PASSWORD"] = "p'a|s&s\\word",
        ["ALERT_EMAIL_OPS"] = "ops@example.test",
        ["ALERT_EMAIL_CRIT"] = "oncall@example.test",
    };

    [Fact]
    public async Task Rendered_config_with_defaults_passes_amtool_check_config()
    {
        var config = await ContainerConfig.Alertmanager.RenderAsync();

        var result = await ToolCommand.RunAsync("amtool", ["check-config", config]);

        result.Succeeded.ShouldBeTrue(result.Output);
        result.Output.ShouldContain("2 inhibit rules");
        result.Output.ShouldContain("2 receivers");
    }

    [Fact]
    public async Task Smtp_settings_and_recipients_come_from_the_environment_verbatim()
    {
        var config = await ContainerConfig.Alertmanager.RenderAsync(Mail);

        var check = await ToolCommand.RunAsync("amtool", ["check-config", config]);
        var rendered = await File.ReadAllTextAsync(config);

        check.Succeeded.ShouldBeTrue(check.Output);
        rendered.ShouldContain("smtp_auth_password: 'p''a|s&s\\word'");
        foreach (var value in Mail.Values.Where(value => !value.Contains('\'')))
            rendered.ShouldContain(value);
        rendered.ShouldNotContain("${");
    }

    [Fact]
    public async Task Repository_files_hold_no_address_or_credential()
    {
        var template = await File.ReadAllTextAsync(Path.Combine(ContainerConfig.Alertmanager.Directory, "alertmanager.yml.tmpl"));

        template.ShouldContain("'${SMTP_PASSWORD}'");
        template.ShouldNotContain("@");
    }

    [Fact]
    public async Task Webhook_receiver_is_added_only_when_a_webhook_url_is_set()
    {
        var without = await File.ReadAllTextAsync(await ContainerConfig.Alertmanager.RenderAsync());
        var withUrl = await ContainerConfig.Alertmanager.RenderAsync(new Dictionary<string, string> { ["ALERT_WEBHOOK_URL"] = "http://127.0.0.1:9/alerts" });
        var check = await ToolCommand.RunAsync("amtool", ["check-config", withUrl]);

        without.ShouldNotContain("\n    webhook_configs:");
        check.Succeeded.ShouldBeTrue(check.Output);
        (await File.ReadAllTextAsync(withUrl)).Split("- url: 'http://127.0.0.1:9/alerts'").Length.ShouldBe(3, "one webhook per receiver");
    }

    public static TheoryData<string, string> RoutingTable()
    {
        var rows = new TheoryData<string, string>();
        foreach (var row in RouteCase.All())
            rows.Add(string.Join(' ', row.Labels), $"{row.Receiver} {row.GroupWait} {row.RepeatInterval}");
        return rows;
    }

    [Theory]
    [MemberData(nameof(RoutingTable))]
    public async Task Routing_table_row_reaches_its_receiver_with_its_timings(string labels, string expected)
    {
        var row = RouteCase.All().Single(row => string.Join(' ', row.Labels) == labels);
        var config = await ContainerConfig.Alertmanager.RenderAsync();

        var result = await ToolCommand.RunAsync("amtool",
            ["config", "routes", "test", $"--config.file={config}", $"--verify.receivers={row.Receiver}", .. row.Labels]);

        result.Succeeded.ShouldBeTrue(result.Output);
        result.Output.ShouldContain(row.Receiver);
        RoutingTree.Timings(config, row.Labels).ShouldBe((row.GroupWait, row.RepeatInterval), expected);
    }

    [Fact]
    public async Task Routes_test_fails_when_the_receiver_is_wrong()
    {
        var config = await ContainerConfig.Alertmanager.RenderAsync();

        var result = await ToolCommand.RunAsync("amtool",
            ["config", "routes", "test", $"--config.file={config}", "--verify.receivers=ops-email", "severity=critical"]);

        result.Succeeded.ShouldBeFalse(result.Output);
    }
}
