using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;
using Gatewayz.Api.Wire;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A stream whose first chunk with output has already arrived, so the route is settled and the response
/// can begin. Reading it to the end records the attempt's outcome; a failure after this point can no
/// longer fail over and reaches the caller as an <see cref="UpstreamException"/>. A client that leaves
/// before the end is recorded by <see cref="Abandon"/>, with the usage of what the caller reported as
/// <see cref="Delivered"/>.
/// </summary>
public sealed class InferenceStream(RouteResilience route, int estimatedInputTokens, OpenedStream opened) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatChunk> _upstream = opened.Upstream;
    private readonly AttemptOutcome _outcome = opened.Outcome;
    private TokenUsage? _reported;
    private int _deliveredCharacters;

    public ResolvedRoute Route => route.Route;

    /// <summary>The wire format the upstream answers in (its first chunk's); read before the stream is.</summary>
    public WireFormat UpstreamFormat => (opened.HeldBack.Count > 0 ? opened.HeldBack[0] : _upstream.Current).Payload.Format;

    public string FinishReason { get; private set; } = FinishReasons.Stop;

    public TokenUsage Usage { get; private set; }

    /// <summary>
    /// Every chunk of the answer, the held-back ones first, each observed on its way: finish reason,
    /// reported usage and the amount of output, from which usage is estimated when none was reported.
    /// </summary>
    public async IAsyncEnumerable<ChatChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = route.Model;
        var outputCharacters = 0;
        foreach (var held in opened.HeldBack)
            yield return held;
        var chunk = _upstream.Current;
        while (true)
        {
            if (chunk.FinishReason is { } finish) FinishReason = finish;
            if (chunk.Usage is { } usage) _reported = usage;
            outputCharacters += chunk.OutputCharacters;
            yield return chunk;

            bool more;
            try
            {
                // Per call: a scope entered once would not survive the iterator's yields.
                using (ProfilingLabels.Enter(route.Route.Provider, model.Id))
                    more = await _upstream.MoveNextAsync();
            }
            catch (UpstreamException failure)
            {
                await _outcome.FailedAfterFirstChunkAsync(failure);
                throw;
            }
            if (!more) break;
            chunk = _upstream.Current;
        }

        Usage = _reported ?? new TokenUsage(estimatedInputTokens, TokenEstimator.CountCharacters(outputCharacters));
        _outcome.Succeeded(Usage, FinishReason);
    }

    /// <summary>
    /// Counts the output of a chunk the caller has written and flushed to its client: what an abandoned
    /// stream is charged for. Not counted once <paramref name="requestAborted"/> is signalled: the server
    /// drops what is written after the connection closed, so it never reached the client.
    /// </summary>
    public void Delivered(in ChatChunk chunk, CancellationToken requestAborted)
    {
        if (!requestAborted.IsCancellationRequested) _deliveredCharacters += chunk.OutputCharacters;
    }

    /// <summary>
    /// Records a stream whose client went away before its end, once: charged the upstream's own usage if
    /// it reported one, otherwise the admission's prompt estimate plus an estimate of the delivered
    /// output — or nothing when no output was delivered. Nothing happens when the attempt's outcome was
    /// already recorded (it had ended, or failed, before the client left).
    /// </summary>
    public void Abandon()
    {
        if (_outcome.IsRecorded) return;
        var usage = _reported ?? (_deliveredCharacters == 0
            ? new TokenUsage(0, 0)
            : new TokenUsage(estimatedInputTokens, TokenEstimator.CountCharacters(_deliveredCharacters)));
        _outcome.Abandoned(usage);
    }

    /// <summary>Records a failure after the first chunk, unless the attempt's outcome is already recorded.</summary>
    public ValueTask FailAsync(UpstreamException failure) => _outcome.FailedAfterFirstChunkAsync(failure);

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        opened.Lifetime.Dispose();
        _outcome.Dispose();
    }
}
