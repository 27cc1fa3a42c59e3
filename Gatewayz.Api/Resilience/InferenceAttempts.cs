using Gatewayz.Api.Chat;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Profiling;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Polly;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// The innermost callbacks of a route's pipeline: one upstream attempt each, whose outcome goes to its
/// <see cref="AttemptOutcome"/>. The attempt's GenAI span is current while the provider is called, so
/// its HTTP span, logs and exemplars belong to it.
/// </summary>
public static class InferenceAttempts
{
    public static ValueTask<Outcome<ChatCompletion>> CompleteAsync(ResilienceContext context, RouteAttempt<ChatRequest> attempt) =>
        AnswerAsync(context, attempt, attempt.Route.CompletionTelemetry,
            static (attempt, span, cancellationToken) =>
            {
                attempt.Telemetry.CaptureInput(span, attempt.Request.Messages);
                return attempt.Route.Provider.CompleteAsync(new ProviderCall(attempt.Request, attempt.Route.Route.UpstreamModel), cancellationToken);
            },
            static (attempt, outcome, completion) =>
            {
                attempt.Telemetry.CaptureOutput(outcome.Span, completion.Content, completion.FinishReason);
                outcome.Succeeded(completion.Usage, completion.FinishReason, completion.UpstreamModel);
            });

    /// <summary>
    /// One call of an operation besides chat (embeddings) on a provider that serves it (the executor skipped the
    /// others). Its prompt is not put on the span: the GenAI conventions define input messages for chat only.
    /// </summary>
    public static ValueTask<Outcome<OperationAnswer>> CallAsync(ResilienceContext context, RouteAttempt<OperationRequest> attempt) =>
        AnswerAsync(context, attempt, attempt.Route.TelemetryOf(attempt.Request.Operation),
            static (attempt, _, cancellationToken) =>
                ((IOperationProvider)attempt.Route.Provider).SendAsync(new OperationCall(attempt.Request, attempt.Route.Route.UpstreamModel), cancellationToken),
            static (_, outcome, answer) => outcome.Succeeded(answer.Usage, finishReason: null, answer.UpstreamModel));

    /// <summary>
    /// One attempt answered whole: <paramref name="call"/> asks the provider (inside the attempt's span and profiling
    /// labels), <paramref name="succeeded"/> records its answer; a failure is recorded and handed to the pipeline.
    /// </summary>
    private static async ValueTask<Outcome<TAnswer>> AnswerAsync<TRequest, TAnswer>(ResilienceContext context, RouteAttempt<TRequest> attempt, GenAiAttemptInfo telemetry,
        Func<RouteAttempt<TRequest>, GenAiAttempt, CancellationToken, Task<TAnswer>> call, Action<RouteAttempt<TRequest>, AttemptOutcome, TAnswer> succeeded)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        using var outcome = attempt.Start(telemetry);
        try
        {
            TAnswer answer;
            using (ProfilingLabels.Enter(route.Route.Provider, route.Model.Id))
                answer = await call(attempt, outcome.Span, context.CancellationToken);
            succeeded(attempt, outcome, answer);
            return Outcome.FromResult(answer);
        }
        catch (Exception exception) when (attempt.TryTranslate(exception, context, firstChunkExpired: false, out var failure))
        {
            outcome.Failed(failure);
            return Outcome.FromException<TAnswer>(failure);
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
    public static async ValueTask<Outcome<OpenedStream>> OpenStreamAsync(ResilienceContext context, RouteAttempt<ChatRequest> attempt)
    {
        attempt.Budget.Take();
        var route = attempt.Route;
        var outcome = attempt.Start(route.StreamTelemetry);
        attempt.Telemetry.CaptureInput(outcome.Span, attempt.Request.Messages);
        var lifetime = CancellationTokenSource.CreateLinkedTokenSource(attempt.RequestAborted);
        using var firstChunk = new FirstChunkDeadline(route.TimeToFirstByte, attempt.Time);
        var call = new ProviderCall(attempt.Request, route.Route.UpstreamModel) { FirstChunk = firstChunk };
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
