using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gatewayz.Api.Profiling;

/// <summary>
/// Which <see cref="ProfilingLabels"/> each OS thread ran under, over time. The async-local's change
/// handler calls <see cref="Set"/> whenever a thread enters or leaves a labelled flow; while a capture
/// window is open the changes are kept with their timestamps so samples can be attributed afterwards.
/// </summary>
internal sealed class ThreadLabelTimeline
{
    private static readonly ConcurrentDictionary<int, ThreadLabelTimeline> ByThread = new();
    private static volatile bool s_recording;
    private static int s_enabledCount;

    [ThreadStatic]
    private static ThreadLabelTimeline? t_timeline;

    private readonly List<LabelChange> _changes = [];
    private volatile ProfilingLabels? _current;

    private ThreadLabelTimeline(int osThreadId) => OsThreadId = osThreadId;

    /// <summary>True while at least one profiler is running; labels are not tracked otherwise.</summary>
    public static bool Enabled => Volatile.Read(ref s_enabledCount) > 0;

    public int OsThreadId { get; }

    public static void Enable() => Interlocked.Increment(ref s_enabledCount);

    public static void Disable() => Interlocked.Decrement(ref s_enabledCount);

    public static ThreadLabelTimeline ForCurrentThread()
    {
        if (t_timeline is { } timeline) return timeline;
        timeline = new ThreadLabelTimeline(OsThread.CurrentId);
        ByThread[timeline.OsThreadId] = timeline;
        return t_timeline = timeline;
    }

    public void Set(ProfilingLabels? labels)
    {
        _current = labels;
        if (!s_recording) return;
        lock (_changes) _changes.Add(new LabelChange(Stopwatch.GetTimestamp(), labels));
    }

    /// <summary>Starts keeping changes, seeded with every thread's labels at this instant.</summary>
    public static void OpenWindow()
    {
        s_recording = true;
        var now = Stopwatch.GetTimestamp();
        foreach (var timeline in ByThread.Values)
        {
            lock (timeline._changes)
            {
                timeline._changes.Clear();
                timeline._changes.Add(new LabelChange(now, timeline._current));
            }
        }
    }

    /// <summary>Stops keeping changes and returns what each thread ran under during the window.</summary>
    public static LabelHistory CloseWindow()
    {
        s_recording = false;
        var history = new Dictionary<int, LabelChange[]>();
        foreach (var timeline in ByThread.Values)
        {
            lock (timeline._changes)
            {
                history[timeline.OsThreadId] = [.. timeline._changes];
                timeline._changes.Clear();
            }
        }
        return new LabelHistory(history);
    }
}
