namespace Gatewayz.Tests.Containers.Alertmanager;

/// <summary>One line of containers/alertmanager/tests/routes.txt: alert labels and where and how they must be routed.</summary>
public sealed record RouteCase(string Receiver, string GroupWait, string RepeatInterval, string[] Labels)
{
    public static string File => Path.Combine(ContainerConfig.Alertmanager.Directory, "tests", "routes.txt");

    public static IEnumerable<RouteCase> All() =>
        System.IO.File.ReadLines(File)
            .Where(line => line.Trim() is { Length: > 0 } text && !text.StartsWith('#'))
            .Select(Parse);

    private static RouteCase Parse(string line)
    {
        var parts = line.Split('|', StringSplitOptions.TrimEntries);
        var route = parts[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new RouteCase(route[0], route[1], route[2], parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
