using Microsoft.Extensions.Configuration;

namespace Gatewayz.AppHost.Processes;

/// <summary>
/// Finds the servers' binaries on this machine for <see cref="Stack.StackMode.Processes"/>. A missing one stops
/// the AppHost with a message that names it, the Debian package that has it, and the way back to containers.
/// </summary>
internal static class LocalBinaries
{
    /// <summary>Setting: the folder of PostgreSQL's <c>postgres</c> and <c>initdb</c> (default: PATH, then the newest <c>/usr/lib/postgresql/N/bin</c>).</summary>
    public const string PostgresBinDirectorySetting = "Gatewayz:Stack:PostgresBinDirectory";

    /// <summary>The full path of the first of <paramref name="names"/> found on PATH.</summary>
    /// <exception cref="InvalidOperationException">None is on PATH.</exception>
    public static string Require(string package, params string[] names) =>
        names.Select(OnPath).FirstOrDefault(path => path is not null)
        ?? throw Missing(string.Join(" or ", names), package);

    /// <summary>The folder holding PostgreSQL's server binaries.</summary>
    /// <exception cref="InvalidOperationException">No <c>postgres</c> and <c>initdb</c> are found.</exception>
    public static string RequirePostgresBinDirectory(IConfiguration configuration)
    {
        if (configuration[PostgresBinDirectorySetting] is { Length: > 0 } configured)
        {
            return HasPostgres(configured)
                ? configured
                : throw new InvalidOperationException($"{PostgresBinDirectorySetting} is '{configured}', which has no postgres and initdb.");
        }

        var candidates = new List<string?> { Path.GetDirectoryName(OnPath("initdb")) };
        // Debian and Ubuntu keep the server binaries off PATH, one folder per major version.
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(version => int.TryParse(Path.GetFileName(version), out var major) ? major : 0)
                .Select(version => Path.Combine(version, "bin")));
        }

        return candidates.FirstOrDefault(folder => folder is { Length: > 0 } && HasPostgres(folder))
               ?? throw Missing($"PostgreSQL's postgres and initdb (or set {PostgresBinDirectorySetting})", "postgresql");
    }

    private static bool HasPostgres(string folder) =>
        File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "initdb"));

    private static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);

    private static InvalidOperationException Missing(string what, string package) => new(
        $"The stack runs in {Stack.StackMode.Processes} mode and needs {what} on this machine: " +
        $"install it (Debian/Ubuntu: apt-get install {package}), or start a container engine, or set " +
        $"{Stack.StackSettings.ModeSetting}={Stack.StackMode.Containers}.");
}
