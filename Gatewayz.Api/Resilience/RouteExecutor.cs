using Gatewayz.Api.Catalog;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Serves a request of any operation from the model's routes in order. A route whose breaker is open, or
/// whose provider cannot take the request (<see cref="IRoutedRequest.RefusalBy"/>: an OpenAI request for
/// <c>n</c> choices on an Anthropic upstream, an Anthropic document block on an OpenAI-compatible one, an
/// embedding on an Anthropic upstream), is skipped; a route whose pipeline (retries included) fails hands over
/// to the next one, until a route answers, the upstream rejects the request itself, or the request's attempt
/// budget is spent. When every route refused the request, the client gets the first refusal's 400.
/// </summary>
public sealed class RouteExecutor(RouteRegistry routes, InferenceRecorder recorder, GenAiTelemetry telemetry, IOptions<ResilienceOptions> options, TimeProvider time)
{
    private readonly int _maxAttempts = options.Value.MaxAttemptsPerRequest;

    /// <summary>
    /// Runs <paramref name="attempt"/> through the routes' pipelines until one answers.
    /// </summary>
    /// <param name="operation">The pipeline's operation key (<see cref="RoutePipelineFactory.CompleteOperation"/> or <see cref="RoutePipelineFactory.StreamOperation"/>), which picks its timeout.</param>
    /// <exception cref="GatewayException">The upstream's own 4xx, every route refusing the request, or the last failure once no route answered.</exception>
    public async ValueTask<(RouteResilience Route, TResult Result)> ExecuteAsync<TRequest, TResult>(
        TRequest request,
        CatalogModel model,
        RequestSettlement? settlement,
        string operation,
        Func<ResilienceContext, RouteAttempt<TRequest>, ValueTask<Outcome<TResult>>> attempt,
        CancellationToken cancellationToken)
        where TRequest : IRoutedRequest
    {
        var candidates = routes.RoutesOf(model);
        var budget = new AttemptBudget(_maxAttempts);
        UpstreamException? lastFailure = null;
        GatewayError? refused = null;
        var tried = false;
        for (var i = 0; i < candidates.Length && budget.HasRemaining; i++)
        {
            var route = candidates[i];
            var hasNext = i < candidates.Length - 1;
            if (route.IsOpen())
            {
                GenAiTelemetry.BreakerRejected(route.Route.Provider, BreakerStates.Open);
                if (hasNext) FailOver(route, candidates[i + 1], FailoverReasons.CircuitOpen);
                tried = true;
                continue;
            }
            if (request.RefusalBy(route.Provider) is { } refusal)
            {
                refused ??= refusal.Error;
                if (hasNext) FailOver(route, candidates[i + 1], refusal.FailoverReason);
                continue;
            }
            tried = true;

            var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            context.Properties.Set(AttemptBudget.Key, budget);
            Outcome<TResult> outcome;
            try
            {
                var state = new RouteAttempt<TRequest>(route, request, budget, recorder, telemetry, time, settlement, cancellationToken);
                outcome = await route.Pipeline.ExecuteOutcomeAsync(attempt, context, state);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }

            string reason;
            switch (outcome.Exception)
            {
                case null:
                    return (route, outcome.Result!);
                case UpstreamException { Kind: UpstreamFailureKind.ClientError } rejected:
                    throw new GatewayException(UpstreamErrors.ToGatewayError(rejected, model.Id));
                case UpstreamException failure:
                    lastFailure = failure;
                    reason = failure.ErrorType;
                    break;
                case BrokenCircuitException:
                    reason = FailoverReasons.CircuitOpen;
                    break;
                default:
                    outcome.ThrowIfException();
                    throw new InvalidOperationException("An outcome without a result must carry an exception.");
            }
            if (hasNext && budget.HasRemaining) FailOver(route, candidates[i + 1], reason);
        }
        throw new GatewayException(!tried && refused is not null ? refused : UpstreamErrors.ToGatewayError(lastFailure, model.Id));
    }

    private static void FailOver(RouteResilience from, RouteResilience to, string reason)
    {
        from.Metrics.FailedOver(reason);
        GenAiTelemetry.Failover(from.Route.Provider, to.Route.Provider, reason);
    }
}
