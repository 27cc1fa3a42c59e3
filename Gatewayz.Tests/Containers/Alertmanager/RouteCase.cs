namespace Gatewayz.Tests.Containers.Alertmanager;

/// <summary>One line of containers/alertmanager/tests/routes.txt: alert labels and the receiver they must reach.</summary>
public sealed record RouteCase(string ExpectedReceiver, string[] Labels)
{
    public static string File => Path.Combine(ContainerConfig.Alertmanager.Directory, "tests", "routes.txt");

    public static IEnumerable<RouteCase> All() =>
        System.IO.File.ReadLines(File)
            .Where(line => line.Trim() is { Length: > 0 } text && !text.StartsWith('#'))
            .Select(Parse);

    private static RouteCase Parse(string line)
    {
        var parts = line.Split('|', StringSplitOptions.TrimEntries);
        return new RouteCase(parts[0], parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
