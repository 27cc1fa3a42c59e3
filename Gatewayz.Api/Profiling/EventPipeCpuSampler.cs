using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace Gatewayz.Api.Profiling;

/// <summary>
/// Samples this process's own stacks with an EventPipe session (the runtime's sample profiler plus
/// JIT/loader events and a rundown for method names), then resolves the stacks with TraceEvent.
/// Only samples of threads running managed code are kept, so waiting threads do not count as CPU.
/// </summary>
internal sealed class EventPipeCpuSampler(string workDirectory)
{
    private const string SampleProfilerProvider = "Microsoft-DotNETCore-SampleProfiler";
    private const int ManagedCodeSample = 2;

    /// <summary>The runtime's sample profiler takes one sample per thread every millisecond.</summary>
    public static readonly TimeSpan SamplingPeriod = TimeSpan.FromMilliseconds(1);

    private static readonly EventPipeProvider[] Providers =
    [
        new(SampleProfilerProvider, EventLevel.Informational),
        new(ClrTraceEventParser.ProviderName, EventLevel.Informational,
            (long)(ClrTraceEventParser.Keywords.Jit | ClrTraceEventParser.Keywords.Loader)),
    ];

    public async Task<CpuCapture> CaptureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        var tracePath = Path.Combine(workDirectory, $"cpu-{Environment.ProcessId}-{Guid.NewGuid():N}.nettrace");
        try
        {
            var (from, until, history) = await RecordAsync(tracePath, duration, cancellationToken);
            var samples = await Task.Run(() => ReadSamples(tracePath, history), cancellationToken);
            return new CpuCapture(from, until, SamplingPeriod, samples);
        }
        finally
        {
            TryDelete(tracePath);
            TryDelete(Path.ChangeExtension(tracePath, ".etlx"));
        }
    }

    private static async Task<(DateTimeOffset, DateTimeOffset, LabelHistory)> RecordAsync(
        string tracePath, TimeSpan duration, CancellationToken cancellationToken)
    {
        var client = new DiagnosticsClient(Environment.ProcessId);
        using var session = await client.StartEventPipeSessionAsync(Providers, requestRundown: true, circularBufferMB: 64, cancellationToken);
        await using var file = File.Create(tracePath);
        var copy = session.EventStream.CopyToAsync(file, CancellationToken.None);
        var from = DateTimeOffset.UtcNow;
        ThreadLabelTimeline.OpenWindow();
        LabelHistory history;
        try
        {
            await Task.Delay(duration, cancellationToken);
        }
        finally
        {
            history = ThreadLabelTimeline.CloseWindow();
            await session.StopAsync(CancellationToken.None);
            await copy;
        }
        return (from, DateTimeOffset.UtcNow, history);
    }

    private static List<CpuSample> ReadSamples(string tracePath, LabelHistory history)
    {
        var samples = new List<CpuSample>();
        var etlxPath = TraceLog.CreateFromEventPipeDataFile(tracePath);
        using var log = new TraceLog(etlxPath);
        var frames = new List<string>();
        foreach (var sample in log.Events)
        {
            if (sample.ProviderName != SampleProfilerProvider || !IsManagedCodeSample(sample)) continue;
            frames.Clear();
            for (var frame = sample.CallStack(); frame is not null; frame = frame.Caller)
                frames.Add(FrameName(frame.CodeAddress));
            if (frames.Count == 0) continue;
            samples.Add(new CpuSample([.. frames], history.At(sample.ThreadID, RawTimestamp(sample))));
        }
        return samples;
    }

    // TraceEvent marks the raw timestamp "discouraged, not obsolete": it is the runtime's clock, the
    // one Stopwatch reads, which is exactly what the label timeline is keyed by.
#pragma warning disable CS0618
    private static long RawTimestamp(TraceEvent sample) => sample.TimeStampQPC;
#pragma warning restore CS0618

    private static bool IsManagedCodeSample(TraceEvent sample)
    {
        var payload = sample.EventData();
        return payload.Length >= 4 && BitConverter.ToInt32(payload, 0) == ManagedCodeSample;
    }

    private static string FrameName(TraceCodeAddress address)
    {
        var method = address.FullMethodName;
        if (!string.IsNullOrEmpty(method)) return method;
        var module = address.ModuleName;
        return string.IsNullOrEmpty(module) ? "[unknown]" : $"{module}!?";
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A left-over temp file is harmless; the next capture uses a new name.
        }
    }
}
