using Gatewayz.Tests.Grafana.Live.Rendering;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary>
/// Draws the Four Golden Signals and Provider Health dashboards from live Prometheus data into
/// <c>artifacts/dashboards/*.png</c>, so a reviewer can see what the dashboards show.
/// </summary>
[Collection(LiveDashboardCollection.Name)]
public sealed class DashboardSnapshotTests(LiveGatewayFixture live)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static string OutputDirectory => Path.Combine(RepositoryPaths.Root, "artifacts", "dashboards");

    [Theory]
    [InlineData("gatewayz-golden-signals", 12)]
    [InlineData("gatewayz-provider-health", 3)]
    public async Task Dashboard_renders_to_a_png_with_live_data_in_its_main_panels(string uid, int minimumPanelsWithData)
    {
        var renderer = new DashboardRenderer(new PanelDataLoader(live.Prometheus, live.LoadStarted.AddSeconds(-3), DateTimeOffset.UtcNow));

        var snapshot = await renderer.RenderAsync(ShippedDashboards.ByUid(uid));

        Directory.CreateDirectory(OutputDirectory);
        var svgFile = Path.Combine(OutputDirectory, $"{uid}.svg");
        var pngFile = Path.Combine(OutputDirectory, $"{uid}.png");
        await File.WriteAllTextAsync(svgFile, snapshot.Svg);
        await SvgToPng.ConvertAsync(svgFile, pngFile);
        snapshot.PanelsWithData.Count.ShouldBeGreaterThanOrEqualTo(minimumPanelsWithData, $"panels without data: {string.Join(", ", snapshot.PanelsWithoutData)}");
        (await File.ReadAllBytesAsync(pngFile)).Take(8).ShouldBe(PngSignature);
    }
}
