using System.Diagnostics;

namespace Gatewayz.Tests.Grafana.Live.Rendering;

/// <summary>Converts SVG to PNG with <c>rsvg-convert</c> (Debian package librsvg2-bin).</summary>
public static class SvgToPng
{
    public static async Task ConvertAsync(string svgFile, string pngFile)
    {
        using var process = Process.Start(new ProcessStartInfo("rsvg-convert", ["--format=png", $"--output={pngFile}", svgFile])
        {
            RedirectStandardError = true,
        })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"rsvg-convert failed ({process.ExitCode}): {errors}");
    }
}
