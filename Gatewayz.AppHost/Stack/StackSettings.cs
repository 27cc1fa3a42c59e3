using System.Security.Cryptography;
using System.Text;

namespace Gatewayz.AppHost.Stack;

/// <summary>
/// The stack's mode and, in <see cref="StackMode.Processes"/>, where the local servers keep their data.
/// Settings (configuration, so also <c>--Gatewayz:Stack:Mode=Processes</c> or <c>Gatewayz__Stack__Mode</c>):
/// <list type="bullet">
/// <item><c>Gatewayz:Stack:Mode</c>: <c>Containers</c>, <c>Processes</c>, or unset to pick <c>Containers</c>
/// when a container engine answers and <c>Processes</c> otherwise. Publishing always describes containers.</item>
/// <item><c>Gatewayz:Stack:DataDirectory</c>: the local servers' data (default: a folder per AppHost checkout
/// under the temp directory, kept between runs like the containers' named volumes).</item>
/// </list>
/// </summary>
internal sealed record StackSettings(StackMode Mode, string Reason, string DataDirectory)
{
    public const string ModeSetting = "Gatewayz:Stack:Mode";
    public const string DataDirectorySetting = "Gatewayz:Stack:DataDirectory";

    /// <summary>
    /// The data folder of one local server, created readable and passable by other users (0755): a server that
    /// must not run as root (PostgreSQL) runs as its own system user when the AppHost runs as root.
    /// </summary>
    public string DataFolder(string server)
    {
        var folder = Path.Combine(DataDirectory, server);
        // Local servers start through /bin/sh scripts: this mode is for Linux and macOS.
        return (OperatingSystem.IsWindows() ? Directory.CreateDirectory(folder) : Directory.CreateDirectory(folder, SharedFolderMode)).FullName;
    }

    private const UnixFileMode SharedFolderMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <exception cref="InvalidOperationException">The mode setting names no <see cref="StackMode"/>.</exception>
    public static StackSettings Resolve(IDistributedApplicationBuilder builder)
    {
        var (mode, reason) = ResolveMode(builder);
        var dataDirectory = builder.Configuration[DataDirectorySetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), $"gatewayz-stack-{CheckoutId(builder.AppHostDirectory)}");
        return new StackSettings(mode, reason, dataDirectory);
    }

    private static (StackMode Mode, string Reason) ResolveMode(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
            return (StackMode.Containers, "publishing describes the container stack");

        var configured = builder.Configuration[ModeSetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Enum.TryParse<StackMode>(configured, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
                ? (mode, $"{ModeSetting} is {mode}")
                : throw new InvalidOperationException(
                    $"{ModeSetting} is '{configured}'; use {StackMode.Containers} or {StackMode.Processes}, or leave it unset to detect a container engine.");
        }

        var client = ContainerEngine.Client(builder.Configuration);
        return ContainerEngine.Answers(client)
            ? (StackMode.Containers, $"'{client} info' answered")
            : (StackMode.Processes, $"no container engine answered '{client} info'");
    }

    // Two checkouts on one machine must not share (and corrupt) each other's database files.
    private static string CheckoutId(string appHostDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..10];
}
