using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Containers;

/// <summary>
/// One container folder (containers/prometheus, containers/alertmanager): renders its config template
/// by running the folder's real entrypoint.sh in render-only mode, as the container would at start-up.
/// </summary>
public sealed class ContainerConfig(string name, string renderOnlyVariable, string configFileVariable)
{
    public static ContainerConfig Prometheus { get; } = new("prometheus", "PROMETHEUS_RENDER_ONLY", "PROMETHEUS_CONFIG_FILE");

    public static ContainerConfig Alertmanager { get; } = new("alertmanager", "ALERTMANAGER_RENDER_ONLY", "ALERTMANAGER_CONFIG_FILE");

    public string Directory => Path.Combine(RepositoryPaths.Containers, name);

    public string Entrypoint => Path.Combine(Directory, "entrypoint.sh");

    /// <summary>The environment that makes the entrypoint write <paramref name="configFile"/> and start the server.</summary>
    public Dictionary<string, string> Environment(string configFile, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            [configFileVariable] = configFile,
        };
        return environment;
    }

    /// <summary>Renders the template into a new temporary file and returns its path.</summary>
    public async Task<string> RenderAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var configFile = Path.Combine(System.IO.Directory.CreateTempSubdirectory($"gwz-{name}-").FullName, $"{name}.yml");
        var environment = Environment(configFile, settings);
        environment[renderOnlyVariable] = "1";
        var result = await ToolCommand.RunAsync("sh", [Entrypoint], environment);
        result.Succeeded.ShouldBeTrue($"{Entrypoint} failed:\n{result.Output}");
        return configFile;
    }
}
