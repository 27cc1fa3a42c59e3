using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// The innermost callbacks of a route's pipeline: one upstream attempt each, recorded where it
/// happens — metrics, passive health, and the attempt's GenAI span, which is current while the
/// provider is called so its HTTP span, logs and exemplars belong to it.
/// </summary>
public static class InferenceAttempts
{
    public static async ValueTask<Outcome<ChatCompletion>> CompleteAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        using var span = attempt.Telemetry.StartAttempt(route.CompletionTelemetry);
        attempt.Telemetry.CaptureInput(span, attempt.Call.Request.Messages);
        var startedAt = attempt.Time.GetTimestamp();
        try
        {
            ChatCompletion completion;
            using (ProfilingLabels.Enter(route.Route.Provider, route.Model.Id))
                completion = await route.Provider.CompleteAsync(attempt.Call, context.CancellationToken);
            var elapsed = attempt.Time.GetElapsedTime(startedAt);
            route.Traffic.Record(failed: false, elapsed);
            attempt.Recorder.Succeeded(route.Model, route.Route, elapsed, completion.Usage);
            attempt.Telemetry.CaptureOutput(span, completion.Content, completion.FinishReason);
            span.Succeeded(completion.UpstreamModel, completion.Usage.InputTokens, completion.Usage.OutputTokens, completion.FinishReason);
            return Outcome.FromResult(completion);
        }
        catch (Exception exception) when (attempt.TryTranslate(exception, context, firstChunkExpired: false, out var failure))
        {
            attempt.Failed(failure, startedAt);
            span.Failed(failure.ErrorType, failure.Message);
            return Outcome.FromException<ChatCompletion>(failure);
        }
        catch (OperationCanceledException) when (attempt.RequestAborted.IsCancellationRequested)
        {
            span.Failed(InferenceRecorder.CancelledStatus);
            throw;
        }
    }

    /// <summary>Opens the stream and waits for its first chunk: only until then can the request still fail over.</summary>
    public static async ValueTask<Outcome<OpenedStream>> OpenStreamAsync(ResilienceContext context, RouteAttempt attempt)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        // Not disposed here on success: the span lives on in the OpenedStream until the stream ends.
        var span = attempt.Telemetry.StartAttempt(route.StreamTelemetry);
        attempt.Telemetry.CaptureInput(span, attempt.Call.Request.Messages);
        var startedAt = attempt.Time.GetTimestamp();
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
            var timeToFirstChunk = attempt.Time.GetElapsedTime(startedAt);
            span.FirstChunk();
            attempt.Recorder.FirstChunk(route.Model, route.Route, timeToFirstChunk);
            return Outcome.FromResult(new OpenedStream(upstream, heldBack ?? [], lifetime, startedAt, timeToFirstChunk, span));
        }
        catch (Exception exception)
        {
            await upstream.DisposeAsync();
            lifetime.Dispose();
            if (!attempt.TryTranslate(exception, context, firstChunk.Expired, out var failure))
            {
                span.Failed(attempt.RequestAborted.IsCancellationRequested ? InferenceRecorder.CancelledStatus : exception.GetType().Name);
                throw;
            }
            attempt.Failed(failure, startedAt);
            span.Failed(failure.ErrorType, failure.Message);
            return Outcome.FromException<OpenedStream>(failure);
        }
    }
}
