namespace Gatewayz.Api.Providers;

/// <summary>
/// The time-to-first-byte limit of a stream as a resettable deadline: a provider that hears its upstream
/// is still working (an SSE comment before the first token) calls <see cref="Extend"/>, so a slow but
/// alive upstream is not cut and paid for twice by a retry. One timer per attempt, never one per chunk.
/// </summary>
public sealed class FirstChunkDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeSpan _limit;

    /// <summary>Starts the deadline at once, on <paramref name="time"/> (the injected clock).</summary>
    public FirstChunkDeadline(TimeSpan limit, TimeProvider time)
    {
        _limit = limit;
        _source = new CancellationTokenSource(limit, time);
    }

    /// <summary>The deadline as a token; cancelled once the limit passes without activity.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Whether the limit passed.</summary>
    public bool Expired => _source.IsCancellationRequested;

    /// <summary>Starts the limit again from now; harmless once expired or disposed.</summary>
    public void Extend()
    {
        try
        {
            _source.CancelAfter(_limit);
        }
        catch (ObjectDisposedException)
        {
            // The first chunk has arrived and the attempt let go of its deadline; comments later on
            // only concern the provider's own idle timer.
        }
    }

    /// <summary>Stops the timer.</summary>
    public void Dispose() => _source.Dispose();
}
