namespace Gatewayz.Api.Profiling;

/// <summary>One sampled stack, leaf frame first, with the labels its thread ran under.</summary>
internal sealed record CpuSample(IReadOnlyList<string> Frames, ProfilingLabels? Labels);
