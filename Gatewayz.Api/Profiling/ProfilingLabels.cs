using Gatewayz.Api.Metrics;

namespace Gatewayz.Api.Profiling;

/// <summary>
/// The labels a CPU sample is attributed to. They flow with the async call like
/// <see cref="System.Diagnostics.Activity.Current"/>: <see cref="Enter"/> scopes them around a provider
/// call or a cache lookup, and the profiler joins them with its samples by thread and time.
/// </summary>
public sealed record ProfilingLabels(string? Provider, string? Model, string? CacheLayer)
{
    public const string ProviderKey = "provider";
    public const string ModelKey = "model";
    public const string CacheLayerKey = "cache_layer";

    private static readonly AsyncLocal<ProfilingLabels?> Scope = new(change => ThreadLabelTimeline.ForCurrentThread().Set(change.CurrentValue));

    /// <summary>The labels of the calling async flow, if any.</summary>
    public static ProfilingLabels? Current => Scope.Value;

    /// <summary>
    /// Labels the work done until the returned scope is disposed. A null argument keeps the outer
    /// scope's value, so a cache lookup inside a provider call keeps its provider and model.
    /// Costs nothing while no profiler runs.
    /// </summary>
    public static IDisposable Enter(string? provider, string? model, string? cacheLayer = null)
    {
        if (!ThreadLabelTimeline.Enabled) return NoScope.Instance;
        var outer = Scope.Value;
        Scope.Value = new ProfilingLabels(provider ?? outer?.Provider, model ?? outer?.Model, cacheLayer ?? outer?.CacheLayer);
        return new Restore(outer);
    }

    /// <summary>Labels a cache lookup with its layer, named as in <c>gatewayz_cache_hits_total</c>.</summary>
    public static IDisposable Enter(CacheLayer cacheLayer) => Enter(null, null, CacheMetrics.LabelOf(cacheLayer));

    public IEnumerable<KeyValuePair<string, string>> Pairs()
    {
        if (Provider is not null) yield return new(ProviderKey, Provider);
        if (Model is not null) yield return new(ModelKey, Model);
        if (CacheLayer is not null) yield return new(CacheLayerKey, CacheLayer);
    }

    private sealed class Restore(ProfilingLabels? outer) : IDisposable
    {
        public void Dispose() => Scope.Value = outer;
    }

    private sealed class NoScope : IDisposable
    {
        public static readonly NoScope Instance = new();

        public void Dispose()
        {
        }
    }
}
