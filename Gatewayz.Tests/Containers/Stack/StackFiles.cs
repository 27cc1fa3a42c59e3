using System.Text.RegularExpressions;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Containers.Stack;

/// <summary>The container configs, <c>containers/README.md</c> and the AppHost sources, as tests read them.</summary>
internal static partial class StackFiles
{
    public static string Config(string relativePath) => Path.Combine(RepositoryPaths.Containers, relativePath);

    public static string Readme => File.ReadAllText(Config("README.md"));

    public static string AppHostDirectory => Path.Combine(RepositoryPaths.Root, "Gatewayz.AppHost");

    /// <summary>All AppHost C# sources concatenated, feature folders included (build output excluded).</summary>
    public static string AppHostSource =>
        string.Join('\n', Directory.GetFiles(AppHostDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order().Select(File.ReadAllText));

    /// <summary>Every YAML file, template and shell entrypoint under <c>containers/</c>, skipping dashboards and npm folders.</summary>
    public static IEnumerable<string> ConfigFiles() =>
        Directory.EnumerateFiles(RepositoryPaths.Containers, "*", SearchOption.AllDirectories)
            .Where(path => ConfigExtensions.Any(extension => path.EndsWith(extension, StringComparison.Ordinal)))
            .Where(path => !path.Contains("node_modules", StringComparison.Ordinal))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}dashboards{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static readonly string[] ConfigExtensions = [".yaml", ".yml", ".tmpl", ".sh"];

    /// <summary>
    /// Variables the containers need from outside: read as <c>${VAR}</c> (or the collector's
    /// <c>${env:VAR}</c>) outside comments, and given no default (<c>${VAR:-…}</c>, <c>${VAR:=…}</c>)
    /// anywhere in the same container folder. Paired with the file that reads each one.
    /// </summary>
    public static IEnumerable<(string Variable, string File)> RequiredVariables() =>
        ConfigFiles()
            .GroupBy(ContainerFolder)
            .SelectMany(folder =>
            {
                var references = folder
                    .SelectMany(path => CodeLines(path).SelectMany(line => VariableReference().Matches(line))
                        .Select(match => (match, path)))
                    .ToList();
                var defaulted = references
                    .Where(reference => reference.match.Groups["default"].Success)
                    .Select(reference => reference.match.Groups["name"].Value)
                    .ToHashSet();
                return references
                    .Select(reference => (Variable: reference.match.Groups["name"].Value, File: reference.path))
                    .Where(reference => !defaulted.Contains(reference.Variable));
            });

    private static string ContainerFolder(string path) =>
        Path.GetRelativePath(RepositoryPaths.Containers, path).Split(Path.DirectorySeparatorChar)[0];

    /// <summary>Lines that are not YAML or shell comments.</summary>
    private static IEnumerable<string> CodeLines(string path) =>
        File.ReadLines(path).Where(line => !line.TrimStart().StartsWith('#'));

    /// <summary>Every upper-case name in back-ticks in <c>containers/README.md</c>: the documented variables.</summary>
    public static IReadOnlySet<string> DocumentedVariables() =>
        BacktickedVariable().Matches(Readme).Select(match => match.Groups["name"].Value).ToHashSet();

    /// <summary>Variables the AppHost sets with <c>WithEnvironment("NAME", …)</c> or in an environment callback.</summary>
    public static IReadOnlySet<string> VariablesSetByAppHost() =>
        AppHostEnvironmentAssignment().Matches(AppHostSource).Select(match => match.Groups["name"].Value).ToHashSet();

    /// <summary>The <c>source</c> of every <c>WithBindMount("../containers/…", …)</c> in the AppHost.</summary>
    public static IReadOnlyList<string> AppHostBindMountSources() =>
        AppHostBindMount().Matches(AppHostSource).Select(match => match.Groups["source"].Value).ToList();

    /// <summary>Image/tag pairs from the "Pinned images" table of <c>containers/README.md</c>.</summary>
    public static IReadOnlyDictionary<string, string> ReadmeImageTags() =>
        ReadmeImageRow().Matches(Readme).ToDictionary(match => match.Groups["image"].Value, match => match.Groups["tag"].Value);

    /// <summary>Image/tag pairs from <c>ContainerImages.cs</c> in the AppHost.</summary>
    public static IReadOnlyDictionary<string, string> AppHostImageTags() =>
        AppHostImage().Matches(File.ReadAllText(Path.Combine(AppHostDirectory, "ContainerImages.cs")))
            .ToDictionary(match => match.Groups["image"].Value, match => match.Groups["tag"].Value);

    [GeneratedRegex(@"\$\{(?:env:)?(?<name>[A-Z][A-Z0-9_]*)(?<default>:[-=][^}]*)?\}")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"`(?<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")]
    private static partial Regex BacktickedVariable();

    // WithOptionalTarget sets a Prometheus target variable (empty when the component is not deployed).
    [GeneratedRegex(@"(?:WithEnvironment\(\s*|WithOptionalTarget\(\s*|EnvironmentVariables\[)""(?<name>[A-Z][A-Z0-9_]*)""")]
    private static partial Regex AppHostEnvironmentAssignment();

    [GeneratedRegex(@"WithBindMount\(\s*""(?<source>\.\./containers/[^""]+)""")]
    private static partial Regex AppHostBindMount();

    [GeneratedRegex(@"^\|\s*[a-z-]+\s*\|\s*`(?<image>[^`]+)`\s*\|\s*`(?<tag>[^`]+)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex ReadmeImageRow();

    [GeneratedRegex(@"new\(""(?<image>[^""]+)"",\s*""(?<tag>[^""]+)""\)")]
    private static partial Regex AppHostImage();
}
