using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace Gatewayz.AppHost.Stack;

/// <summary>Whether a container engine answers, asked the way Aspire itself will use it.</summary>
internal static class ContainerEngine
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The engine's command line client: Aspire's own <c>ASPIRE_CONTAINER_RUNTIME</c> setting (<c>docker</c>
    /// or <c>podman</c>) when set, else <c>docker</c>.
    /// </summary>
    public static string Client(IConfiguration configuration) =>
        configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"] ?? "docker";

    /// <summary>
    /// True when <c>CLIENT info</c> succeeds within 10 s: a client alone (as on machines with only the docker
    /// CLI installed) fails, because it cannot reach a daemon.
    /// </summary>
    public static bool Answers(string client)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(client, "info --format {{.ServerVersion}}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null)
                return false;

            if (!process.WaitForExit(ProbeTimeout))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // no such client on PATH
        }
    }
}
