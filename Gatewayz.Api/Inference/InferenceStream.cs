using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Resilience;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A stream whose first chunk has already arrived, so the route is settled and the response can
/// begin. Reading it to the end records the attempt; a failure after this point can no longer fail
/// over and reaches the caller as an <see cref="UpstreamException"/>.
/// </summary>
public sealed class InferenceStream(
    RouteResilience route,
    int estimatedInputTokens,
    OpenedStream opened,
    InferenceRecorder recorder,
    TimeProvider time) : IAsyncDisposable
{
    private readonly IAsyncEnumerator<ChatChunk> _upstream = opened.Upstream;

    public ResolvedRoute Route => route.Route;

    public string FinishReason { get; private set; } = FinishReasons.Stop;

    public TokenUsage Usage { get; private set; }

    public async IAsyncEnumerable<string> ReadTextAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var model = route.Model;
        var firstChunkAt = time.GetTimestamp();
        var outputCharacters = 0;
        TokenUsage? reported = null;
        var chunk = _upstream.Current;
        while (true)
        {
            if (chunk.FinishReason is { } finish) FinishReason = finish;
            if (chunk.Usage is { } usage) reported = usage;
            if (chunk.Content is { Length: > 0 } text)
            {
                outputCharacters += text.Length;
                yield return text;
            }

            bool more;
            try
            {
                // Per call: a scope entered once would not survive the iterator's yields.
                using (ProfilingLabels.Enter(route.Route.Provider, model.Id))
                    more = await _upstream.MoveNextAsync();
            }
            catch (UpstreamException failure)
            {
                var elapsed = time.GetElapsedTime(opened.StartedAt);
                opened.Telemetry.MakeCurrent();
                recorder.Failed(model, route.Route, elapsed, failure);
                await route.CountLateFailureAsync(failure, elapsed);
                opened.Telemetry.Failed(failure.ErrorType, failure.Message);
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                recorder.Cancelled(model, route.Route);
                opened.Telemetry.Failed(InferenceRecorder.CancelledStatus);
                throw;
            }
            if (!more) break;
            chunk = _upstream.Current;
        }

        Usage = reported ?? new TokenUsage(estimatedInputTokens, (outputCharacters + 3) / 4);
        // Recorded inside the attempt span, so the latency exemplars point at it.
        opened.Telemetry.MakeCurrent();
        recorder.StreamEnded(model, route.Route, time.GetElapsedTime(firstChunkAt));
        recorder.Succeeded(model, route.Route, time.GetElapsedTime(opened.StartedAt), Usage);
        route.Traffic.Record(failed: false, opened.TimeToFirstChunk);
        opened.Telemetry.Succeeded(null, Usage.InputTokens, Usage.OutputTokens, FinishReason);
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        opened.Lifetime.Dispose();
        opened.Telemetry.Dispose();
    }
}
