namespace Gatewayz.Api.Profiling;

/// <summary>
/// Every upload interval, samples the process's CPU for a few seconds, attributes the samples to
/// <see cref="ProfilingLabels"/> and pushes the result to Pyroscope as pprof.
/// </summary>
internal sealed partial class ContinuousProfiler(EventPipeCpuSampler sampler, PyroscopeClient pyroscope, ProfilingOptions options, ILogger<ContinuousProfiler> logger)
    : BackgroundService
{
    public async Task CaptureAndPushAsync(TimeSpan sampleFor, CancellationToken cancellationToken)
    {
        var capture = await sampler.CaptureAsync(sampleFor, cancellationToken);
        await pyroscope.PushAsync(capture, PprofEncoder.Encode(capture), cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ThreadLabelTimeline.Enable();
        try
        {
            var interval = TimeSpan.FromSeconds(options.UploadIntervalSeconds);
            var sampleFor = TimeSpan.FromSeconds(Math.Min(options.SampleSeconds, options.UploadIntervalSeconds));
            using var timer = new PeriodicTimer(interval);
            do
            {
                try
                {
                    await CaptureAndPushAsync(sampleFor, stoppingToken);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    LogCaptureFailed(logger, failure);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            ThreadLabelTimeline.Disable();
        }
    }

    [LoggerMessage(EventId = 9103, Level = LogLevel.Debug, Message = "A profiling capture failed")]
    private static partial void LogCaptureFailed(ILogger logger, Exception failure);
}
