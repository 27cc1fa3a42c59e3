using System.Diagnostics;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Dashboards;

/// <summary>The dashboard JSON is generated; hand edits to it would be lost at the next generation.</summary>
public sealed class GeneratedDashboardsTests
{
    [Fact]
    public async Task Dashboard_json_files_match_what_the_generator_produces()
    {
        var generator = Path.Combine(RepositoryPaths.Containers, "grafana", "generator", "generate.mjs");
        using var node = Process.Start(new ProcessStartInfo("node", [generator, "--check"])
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await node.StandardOutput.ReadToEndAsync() + await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        node.ExitCode.ShouldBe(0, $"run `node containers/grafana/generator/generate.mjs` and commit the JSON:\n{output}");
    }
}
