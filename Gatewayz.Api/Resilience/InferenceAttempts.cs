using Gatewayz.Api.Chat;
using Gatewayz.Api.Providers;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>The innermost callbacks of a route's pipeline: one upstream attempt each, recorded where it happens.</summary>
public static class InferenceAttempts
{
    public static async ValueTask<Outcome<ChatCompletion>> CompleteAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var startedAt = attempt.Time.GetTimestamp();
        try
        {
            var completion = await attempt.Route.Provider.CompleteAsync(attempt.Call, context.CancellationToken);
            var elapsed = attempt.Time.GetElapsedTime(startedAt);
            attempt.Route.Traffic.Record(failed: false, elapsed);
            attempt.Recorder.Succeeded(attempt.Route.Model, attempt.Route.Route, elapsed, completion.Usage);
            return Outcome.FromResult(completion);
        }
        catch (Exception exception) when (attempt.TryTranslate(exception, context, out var failure))
        {
            attempt.Failed(failure, startedAt);
            return Outcome.FromException<ChatCompletion>(failure);
        }
    }

    /// <summary>Opens the stream and waits for its first chunk: only until then can the request still fail over.</summary>
    public static async ValueTask<Outcome<OpenedStream>> OpenStreamAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var startedAt = attempt.Time.GetTimestamp();
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(attempt.RequestAborted);
        var upstream = attempt.Route.Provider.StreamAsync(attempt.Call, lifetime.Token).GetAsyncEnumerator(lifetime.Token);
        try
        {
            using (context.CancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), lifetime))
            {
                if (!await upstream.MoveNextAsync())
                    throw new UpstreamException(UpstreamFailureKind.InvalidResponse, $"{attempt.Route.Route.Provider} ended the stream without a chunk.");
            }
            var timeToFirstChunk = attempt.Time.GetElapsedTime(startedAt);
            attempt.Recorder.FirstChunk(attempt.Route.Model, attempt.Route.Route, timeToFirstChunk);
            return Outcome.FromResult(new OpenedStream(upstream, lifetime, startedAt, timeToFirstChunk));
        }
        catch (Exception exception)
        {
            await upstream.DisposeAsync();
            lifetime.Dispose();
            if (!attempt.TryTranslate(exception, context, out var failure))
                throw;
            attempt.Failed(failure, startedAt);
            return Outcome.FromException<OpenedStream>(failure);
        }
    }
}
