using System.Runtime.CompilerServices;
using Gatewayz.Api.Metrics;
using Gatewayz.Api.Profiling;
using Gatewayz.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gatewayz.Tests.Telemetry;

/// <summary>The in-process EventPipe profiler, pushing real pprof to a real HTTP server.</summary>
public sealed class ContinuousProfilerTests : IAsyncLifetime
{
    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "gatewayz-profiler-tests", Guid.NewGuid().ToString("N"));
    private FakePyroscope _pyroscope = null!;

    public async Task InitializeAsync() => _pyroscope = await FakePyroscope.StartAsync();

    public async Task DisposeAsync()
    {
        await _pyroscope.DisposeAsync();
        if (Directory.Exists(_workDirectory)) Directory.Delete(_workDirectory, recursive: true);
    }

    [Fact]
    public async Task A_pushed_profile_is_valid_pprof_whose_samples_carry_the_labels_of_the_code_that_ran()
    {
        var (profiler, _) = CreateProfiler(_pyroscope.BaseUrl);
        ThreadLabelTimeline.Enable();
        try
        {
            using var stop = new CancellationTokenSource();
            var labelledBeforeTheWindow = Task.Run(() =>
            {
                using (ProfilingLabels.Enter("groq", "llama-test", null)) BurnCpuForProfilerTest(stop.Token);
            });
            var labelledDuringTheWindow = Task.Run(async () =>
            {
                await Task.Delay(300);
                using (ProfilingLabels.Enter(CacheLayer.ResponseCache)) BurnCpuForProfilerTest(stop.Token);
            });
            await Task.Delay(100);
            await profiler.CaptureAndPushAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
            await stop.CancelAsync();
            await Task.WhenAll(labelledBeforeTheWindow, labelledDuringTheWindow);
        }
        finally
        {
            ThreadLabelTimeline.Disable();
        }

        var request = _pyroscope.Requests.ShouldHaveSingleItem();
        request.Query["format"].ShouldBe("pprof");
        request.Query["name"].ShouldBe("gatewayz-api{service_name=Gatewayz.Api,environment=Testing}");
        long.Parse(request.Query["until"]).ShouldBeGreaterThanOrEqualTo(long.Parse(request.Query["from"]));

        var profile = DecodedProfile.Parse(request.Profile);
        profile.SampleTypeNames.ShouldBe([("samples", "count"), ("cpu", "nanoseconds")]);
        (profile.Strings[(int)profile.PeriodType.Type], profile.Strings[(int)profile.PeriodType.Unit]).ShouldBe(("cpu", "nanoseconds"));
        profile.Period.ShouldBe(1_000_000);
        profile.Samples.ShouldNotBeEmpty();
        profile.Samples.ShouldAllBe(sample => sample.LocationIds.Count > 0 && sample.Values.Count == 2 && sample.Values[0] > 0);

        var burning = profile.Samples.Where(sample => profile.Stack(sample).Any(frame => frame.Contains(nameof(BurnCpuForProfilerTest)))).ToList();
        burning.ShouldNotBeEmpty("the CPU-bound loop must appear by its method name");
        var labels = burning.Select(profile.Labels).ToList();
        labels.ShouldContain(l => l.Count == 2 && l["provider"] == "groq" && l["model"] == "llama-test");
        labels.ShouldContain(l => l.Count == 1 && l["cache_layer"] == "response_cache");
    }

    [Fact]
    public async Task A_pyroscope_that_is_down_is_counted_as_a_failure_and_never_throws()
    {
        var (profiler, pyroscope) = CreateProfiler(new Uri($"http://127.0.0.1:{FreePort.Next()}"));

        await profiler.CaptureAndPushAsync(TimeSpan.FromMilliseconds(200), CancellationToken.None);

        pyroscope.Failures.ShouldBe(1);
        pyroscope.Pushed.ShouldBe(0);
    }

    [Fact]
    public void Labels_are_not_tracked_while_no_profiler_runs()
    {
        using (ProfilingLabels.Enter("groq", "llama-test", null))
            ProfilingLabels.Current.ShouldBeNull();
    }

    private (ContinuousProfiler, PyroscopeClient) CreateProfiler(Uri server)
    {
        var options = new ProfilingOptions { Enabled = true, ServerAddress = server, WorkDirectory = _workDirectory };
        var pyroscope = new PyroscopeClient(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, options, "Gatewayz.Api", "Testing", NullLogger.Instance);
        return (new ContinuousProfiler(new EventPipeCpuSampler(_workDirectory), pyroscope, options, NullLogger<ContinuousProfiler>.Instance), pyroscope);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double BurnCpuForProfilerTest(CancellationToken stop)
    {
        var total = 0d;
        while (!stop.IsCancellationRequested)
        {
            for (var i = 1; i < 100_000; i++) total += Math.Sqrt(i) / i;
        }
        return total;
    }
}
