using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// The innermost callbacks of a route's pipeline: one upstream attempt each, whose outcome goes to its
/// <see cref="AttemptOutcome"/>. The attempt's GenAI span is current while the provider is called, so
/// its HTTP span, logs and exemplars belong to it.
/// </summary>
public static class InferenceAttempts
{
    public static async ValueTask<Outcome<ChatCompletion>> CompleteAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        using var outcome = attempt.Start(route.CompletionTelemetry);
        try
        {
            ChatCompletion completion;
            using (ProfilingLabels.Enter(route.Route.Provider, route.Model.Id))
                completion = await route.Provider.CompleteAsync(attempt.Call, context.CancellationToken);
            attempt.Telemetry.CaptureOutput(outcome.Span, completion.Content, completion.FinishReason);
            outcome.Succeeded(completion.Usage, completion.FinishReason, completion.UpstreamModel);
            return Outcome.FromResult(completion);
        }
        catch (Exception exception) when (attempt.TryTranslate(exception, context, firstChunkExpired: false, out var failure))
        {
            outcome.Failed(failure);
            return Outcome.FromException<ChatCompletion>(failure);
        }
        catch (OperationCanceledException) when (attempt.RequestAborted.IsCancellationRequested)
        {
            outcome.Cancelled();
            throw;
        }
    }

    /// <summary>
    /// Opens the stream and waits for its first chunk with output: only until then can the request still
    /// fail over. The outcome travels on with the <see cref="OpenedStream"/>, which records how it ends.
    /// </summary>
    public static async ValueTask<Outcome<OpenedStream>> OpenStreamAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        var outcome = attempt.Start(route.StreamTelemetry);
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(attempt.RequestAborted);
        using var firstChunk = new FirstChunkDeadline(route.TimeToFirstByte, attempt.Time);
        var call = attempt.Call with { FirstChunk = firstChunk };
        var upstream = route.Provider.StreamAsync(call, lifetime.Token).GetAsyncEnumerator(lifetime.Token);
        List<ChatChunk>? heldBack = null;
        try
        {
            using (context.CancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), lifetime))
            using (firstChunk.Token.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), lifetime))
            using (ProfilingLabels.Enter(route.Route.Provider, route.Model.Id))
            {
                // Events with nothing in them yet (a role) wait for the first one with output: until
                // then nothing has reached the client, and the request can still fail over.
                while (true)
                {
                    if (!await upstream.MoveNextAsync())
                        throw new UpstreamException(UpstreamFailureKind.InvalidResponse, $"{route.Route.Provider} ended the stream without a chunk.");
                    if (!upstream.Current.CarriesNothing)
                        break;
                    (heldBack ??= []).Add(upstream.Current);
                }
            }
            outcome.FirstChunk();
            return Outcome.FromResult(new OpenedStream(upstream, heldBack ?? [], lifetime, outcome));
        }
        catch (Exception exception)
        {
            await upstream.DisposeAsync();
            lifetime.Dispose();
            try
            {
                if (!attempt.TryTranslate(exception, context, firstChunk.Expired, out var failure))
                {
                    if (attempt.RequestAborted.IsCancellationRequested) outcome.Cancelled();
                    else outcome.Broke(exception);
                    throw;
                }
                outcome.Failed(failure);
                return Outcome.FromException<OpenedStream>(failure);
            }
            finally
            {
                outcome.Dispose();
            }
        }
    }
}
