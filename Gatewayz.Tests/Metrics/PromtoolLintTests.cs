using System.Diagnostics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Metrics;

public sealed class PromtoolLintTests
{
    [Fact]
    public async Task Promtool_check_metrics_finds_nothing_to_complain_about_in_a_scrape_after_traffic()
    {
        using var host = GatewayHost.Start();
        using var client = host.CreateHttpClient();
        await client.PostChatAsync();
        await client.PostChatAsync(stream: true);
        await client.PostChatAsync(model: "nope/nothing");
        await client.GetAsync("/v1/models");
        var exposition = await host.ScrapeMetricsAsync();

        var start = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var promtool = Process.Start(start)!;
        await promtool.StandardInput.WriteAsync(exposition);
        promtool.StandardInput.Close();
        var output = await promtool.StandardOutput.ReadToEndAsync() + await promtool.StandardError.ReadToEndAsync();
        await promtool.WaitForExitAsync();

        output.Trim().ShouldBeEmpty();
        promtool.ExitCode.ShouldBe(0);
    }
}
