namespace Gatewayz.Tests.Infrastructure;

/// <summary>Locates the repository from the test binaries, so tests can read shipped configuration.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Api => Path.Combine(Root, "Gatewayz.Api");

    public static string Containers => Path.Combine(Root, "containers");

    public static string Docs => Path.Combine(Root, "docs");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gatewayz.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException("Gatewayz.sln not found above " + AppContext.BaseDirectory);
    }
}
