namespace Gatewayz.RealtimeMetrics.Store;

/// <summary>One provider and model in one UTC hour: the unit the store counts in.</summary>
internal readonly record struct SeriesKey(DateTimeOffset Hour, string Provider, string Model);
