namespace Gatewayz.Api.Profiling;

/// <summary>From <see cref="Timestamp"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) on, the thread ran under <see cref="Labels"/>.</summary>
internal readonly record struct LabelChange(long Timestamp, ProfilingLabels? Labels);
