using System.Text.Json;
using Gatewayz.Tests.Infrastructure;

namespace Gatewayz.Tests.Grafana.Live;

/// <summary><c>containers/grafana/tests/live-allow-list.json</c>: panels allowed to show no data in the live test.</summary>
public static class LiveAllowList
{
    public static string File => Path.Combine(RepositoryPaths.Containers, "grafana", "tests", "live-allow-list.json");

    public static IReadOnlyList<LiveAllowListEntry> Entries { get; } = Load();

    public static LiveAllowListEntry? EntryFor(DashboardQuery query) => Entries.FirstOrDefault(entry => entry.Covers(query));

    private static List<LiveAllowListEntry> Load()
    {
        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(File));
        return [.. document.RootElement.GetProperty("entries").EnumerateArray().Select(entry => new LiveAllowListEntry(
            entry.GetProperty("dashboard").GetString()!,
            entry.TryGetProperty("panel", out var panel) ? panel.GetString() : null,
            entry.TryGetProperty("refId", out var refId) ? refId.GetString() : null,
            entry.TryGetProperty("dependsOnHistory", out var history) && history.GetBoolean(),
            entry.GetProperty("reason").GetString()!))];
    }
}
