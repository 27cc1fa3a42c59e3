namespace Gatewayz.Api.Metrics;

/// <summary>Histogram buckets, in seconds or bytes, chosen for what each histogram measures.</summary>
public static class Buckets
{
    /// <summary>Gateway-side HTTP handling: sub-millisecond to a minute (LLM calls are slow).</summary>
    public static readonly double[] HttpSeconds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Model calls: from fast cached answers to long generations.</summary>
    public static readonly double[] InferenceSeconds = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20, 30, 60, 120];

    public static readonly double[] FirstChunkSeconds = [0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 2, 5, 10];

    public static readonly double[] FastOperationSeconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5];

    public static readonly double[] SizeBytes = [128, 512, 1024, 4096, 16384, 65536, 262144, 1048576];
}
