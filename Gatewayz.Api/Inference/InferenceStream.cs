using System.Runtime.CompilerServices;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;

namespace Gatewayz.Api.Inference;

/// <summary>
/// A stream whose first chunk has already arrived, so the route is settled and the response can
/// begin. Reading it to the end records the attempt; a failure after this point can no longer fail
/// over and reaches the caller as an <see cref="UpstreamException"/>.
/// </summary>
public sealed class InferenceStream(
    CatalogModel model,
    ResolvedRoute route,
    int estimatedInputTokens,
    IAsyncEnumerator<ChatChunk> upstream,
    long startedAt,
    InferenceRecorder recorder,
    TimeProvider time) : IAsyncDisposable
{
    public ResolvedRoute Route => route;

    public string FinishReason { get; private set; } = FinishReasons.Stop;

    public TokenUsage Usage { get; private set; }

    public async IAsyncEnumerable<string> ReadTextAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstChunkAt = time.GetTimestamp();
        var outputCharacters = 0;
        TokenUsage? reported = null;
        var chunk = upstream.Current;
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
                more = await upstream.MoveNextAsync();
            }
            catch (UpstreamException failure)
            {
                recorder.Failed(model, route, time.GetElapsedTime(startedAt), failure);
                throw;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                recorder.Cancelled(model, route);
                throw;
            }
            if (!more) break;
            chunk = upstream.Current;
        }

        Usage = reported ?? new TokenUsage(estimatedInputTokens, (outputCharacters + 3) / 4);
        recorder.StreamEnded(model, route, time.GetElapsedTime(firstChunkAt));
        recorder.Succeeded(model, route, time.GetElapsedTime(startedAt), Usage);
    }

    public ValueTask DisposeAsync() => upstream.DisposeAsync();
}
