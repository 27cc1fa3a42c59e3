using System.Diagnostics.Metrics;

namespace Gatewayz.Api.Telemetry;

/// <summary>The GenAI client instruments, with the bucket boundaries the conventions advise.</summary>
public sealed class GenAiMetrics
{
    private static readonly int[] TokenBuckets =
        [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];

    private static readonly double[] SecondBuckets =
        [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

    public GenAiMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Microsoft.Extensions.Hosting.GatewayzTelemetry.GatewaySourceName);
        TokenUsage = meter.CreateHistogram(GenAiAttributes.TokenUsageMetric, "{token}",
            "Number of input and output tokens used.", tags: null,
            new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });
        OperationDuration = meter.CreateHistogram(GenAiAttributes.OperationDurationMetric, "s",
            "GenAI operation duration.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
        TimeToFirstChunk = meter.CreateHistogram(GenAiAttributes.TimeToFirstChunkMetric, "s",
            "Time to receive the first chunk of a streaming response.", tags: null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondBuckets });
    }

    public Histogram<int> TokenUsage { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<double> TimeToFirstChunk { get; }
}
