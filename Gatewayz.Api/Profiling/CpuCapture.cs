namespace Gatewayz.Api.Profiling;

/// <summary>The samples of one capture window.</summary>
internal sealed record CpuCapture(DateTimeOffset From, DateTimeOffset Until, TimeSpan SamplingPeriod, IReadOnlyList<CpuSample> Samples);
