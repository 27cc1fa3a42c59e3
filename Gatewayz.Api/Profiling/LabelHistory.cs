namespace Gatewayz.Api.Profiling;

/// <summary>The label changes of every thread during one capture window, ordered by time.</summary>
internal sealed class LabelHistory(IReadOnlyDictionary<int, LabelChange[]> byThread)
{
    /// <summary>
    /// The labels thread <paramref name="osThreadId"/> ran under at <paramref name="timestamp"/>. EventPipe
    /// timestamps and <see cref="System.Diagnostics.Stopwatch"/> read the same clock, so they compare directly.
    /// </summary>
    public ProfilingLabels? At(int osThreadId, long timestamp)
    {
        if (!byThread.TryGetValue(osThreadId, out var changes) || changes.Length == 0) return null;
        int low = 0, high = changes.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (changes[middle].Timestamp <= timestamp) { found = middle; low = middle + 1; }
            else high = middle - 1;
        }
        return found < 0 ? null : changes[found].Labels;
    }
}
