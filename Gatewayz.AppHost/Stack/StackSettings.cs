using System.Security.Cryptography;
using System.Text;

namespace Gatewayz.AppHost.Stack;

/// <summary>
/// The stack's mode and, in <see cref="StackMode.Processes"/>, where the local servers keep their data.
/// Settings (configuration, so also <c>--Gatewayz:Stack:Mode=Processes</c> or <c>Gatewayz__Stack__Mode</c>):
/// <list type="bullet">
/// <item><c>Gatewayz:Stack:Mode</c>: <c>Containers</c>, <c>Processes</c>, or unset to pick <c>Containers</c>
/// when a container engine answers and <c>Processes</c> otherwise. Publishing always describes containers.</item>
/// <item><c>Gatewayz:Stack:DataDirectory</c>: the local servers' data, kept between runs like the containers' named
/// volumes. Default, one folder per AppHost checkout: <c>~/.local/share/gatewayz/stack-ID</c>, or, as root,
/// <c>/var/lib/gatewayz/stack-ID</c> (PostgreSQL then runs as the <c>postgres</c> user, which cannot enter
/// <c>/root</c>). Never a world-writable folder such as <c>/tmp</c> by default: there another user could prepare
/// the folder before the AppHost and make it hand files to the wrong owner.</item>
/// </list>
/// </summary>
/// <param name="Warning">Something the user should know about the chosen mode (for example containers requested
/// where no engine answers), or null.</param>
internal sealed record StackSettings(StackMode Mode, string Reason, string DataDirectory, string? Warning = null)
{
    public const string ModeSetting = "Gatewayz:Stack:Mode";
    public const string DataDirectorySetting = "Gatewayz:Stack:DataDirectory";

    /// <summary>
    /// The data folder of one local server, created readable and passable by other users (0755): a server that
    /// must not run as root (PostgreSQL) runs as its own system user when the AppHost runs as root.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder, or the data directory, is a symbolic link.</exception>
    public string DataFolder(string server)
    {
        var folder = Path.Combine(DataDirectory, server);
        foreach (var path in new[] { DataDirectory, folder })
        {
            // A link could point the servers (and, as root, a chown) at files that are not theirs.
            if (new DirectoryInfo(path).LinkTarget is { } target)
                throw new InvalidOperationException($"{DataDirectorySetting}: {path} is a symbolic link (to {target}); use a real folder.");
        }
        // Local servers start through /bin/sh scripts: this mode is for Linux and macOS.
        return (OperatingSystem.IsWindows() ? Directory.CreateDirectory(folder) : Directory.CreateDirectory(folder, SharedFolderMode)).FullName;
    }

    private const UnixFileMode SharedFolderMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <exception cref="InvalidOperationException">The mode setting names no <see cref="StackMode"/>.</exception>
    public static StackSettings Resolve(IDistributedApplicationBuilder builder)
    {
        var (mode, reason, warning) = ResolveMode(builder);
        var dataDirectory = builder.Configuration[DataDirectorySetting] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(DefaultDataRoot(), $"stack-{CheckoutId(builder.AppHostDirectory)}");
        return new StackSettings(mode, reason, dataDirectory, warning);
    }

    private static (StackMode Mode, string Reason, string? Warning) ResolveMode(IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsPublishMode)
            return (StackMode.Containers, "publishing describes the container stack", null);

        var client = ContainerEngine.Client(builder.Configuration);
        var configured = builder.Configuration[ModeSetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            // By name only: Enum.TryParse would also take "1" or "Processes,Containers".
            var mode = Enum.GetValues<StackMode>().FirstOrDefault(
                candidate => string.Equals(candidate.ToString(), configured.Trim(), StringComparison.OrdinalIgnoreCase), (StackMode)(-1));
            if (!Enum.IsDefined(mode))
            {
                throw new InvalidOperationException(
                    $"{ModeSetting} is '{configured}'; use {StackMode.Containers} or {StackMode.Processes}, or leave it unset to detect a container engine.");
            }

            var warning = mode == StackMode.Containers && !ContainerEngine.Answers(client)
                ? $"{ModeSetting} is {StackMode.Containers} but '{client} info' does not answer: the containers cannot start and the services will wait for them. Start the engine, or use {StackMode.Processes}."
                : null;
            return (mode, $"{ModeSetting} is {mode}", warning);
        }

        return ContainerEngine.Answers(client)
            ? (StackMode.Containers, $"'{client} info' answered", null)
            : (StackMode.Processes, $"no container engine answered '{client} info'", null);
    }

    private static string DefaultDataRoot() =>
        Environment.IsPrivilegedProcess || Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) is not { Length: > 0 } userData
            ? Path.Combine("/var/lib", "gatewayz")
            : Path.Combine(userData, "gatewayz");

    // Two checkouts on one machine must not share (and corrupt) each other's database files.
    private static string CheckoutId(string appHostDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(appHostDirectory)))[..10];
}
