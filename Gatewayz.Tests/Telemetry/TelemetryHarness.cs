using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gatewayz.Api.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Gatewayz.Tests.Telemetry;

/// <summary>
/// A <see cref="GenAiTelemetry"/> wired as in the gateway, with its spans exported to memory, its log
/// lines captured as JSON and its measurements collected. Everything recorded is filtered to this
/// harness (its own trace and meter factory), so tests running in parallel do not see each other.
/// </summary>
internal sealed class TelemetryHarness : IDisposable
{
    private static readonly ActivitySource TestSource = new("Gatewayz.Tests.Telemetry");

    private readonly ServiceProvider _services;
    private readonly TracerProvider _tracing;
    private readonly MeterListener _meters = new();
    private readonly List<Activity> _exported = [];
    private readonly Activity _root;

    public TelemetryHarness(bool captureContent = false)
    {
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TestSource.Name, Microsoft.Extensions.Hosting.GatewayzTelemetry.GatewaySourceName)
            .AddInMemoryExporter(_exported)
            .Build()!;
        _services = new ServiceCollection()
            .AddMetrics()
            .AddLogging(logging => logging
                .Configure(options => options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId)
                .AddProvider(Logs))
            .Configure<TelemetryOptions>(options => options.CaptureContent = captureContent)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<GenAiMetrics>()
            .AddSingleton<GenAiTelemetry>()
            .BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meterFactory) listener.EnableMeasurementEvents(instrument);
        };
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _meters.Start();
        Telemetry = _services.GetRequiredService<GenAiTelemetry>();
        _root = TestSource.StartActivity("test request", ActivityKind.Server)!;
    }

    public GenAiTelemetry Telemetry { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public List<Measurement> Measurements { get; } = [];

    public ActivityTraceId TraceId => _root.TraceId;

    public Activity Root => _root;

    public IReadOnlyList<Activity> GenAiSpans()
    {
        lock (_exported)
            return [.. _exported.Where(span => span.TraceId == TraceId && span.Source.Name == Microsoft.Extensions.Hosting.GatewayzTelemetry.GatewaySourceName)];
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new Measurement(instrument.Name, instrument.Unit, value,
            tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value), (instrument as Histogram<double>)?.Advice?.HistogramBucketBoundaries
                ?? (IReadOnlyList<double>?)(instrument as Histogram<int>)?.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray());
        lock (Measurements) Measurements.Add(measurement);
    }

    public void Dispose()
    {
        _root.Dispose();
        _meters.Dispose();
        _tracing.Dispose();
        _services.Dispose();
    }

    public sealed record Measurement(string Name, string? Unit, double Value, IReadOnlyDictionary<string, object?> Tags, IReadOnlyList<double>? Buckets);
}
