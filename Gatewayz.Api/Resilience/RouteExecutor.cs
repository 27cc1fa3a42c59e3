using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;
using Gatewayz.Api.Providers;
using Gatewayz.Api.Telemetry;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Gatewayz.Api.Resilience;

/// <summary>
/// Serves a request from the model's routes in order. A route whose breaker is open, or whose upstream's
/// format cannot express the request (an OpenAI request for <c>n</c> choices on an Anthropic upstream, an
/// Anthropic document block on an OpenAI-compatible one), is skipped; a route whose pipeline (retries
/// included) fails hands over to the next one, until a route answers, the upstream rejects the request
/// itself, or the request's attempt budget is spent. When every route was skipped for its format, the
/// client gets the first route's 400 naming what it cannot express.
/// </summary>
public sealed class RouteExecutor(RouteRegistry routes, InferenceRecorder recorder, GenAiTelemetry telemetry, IOptions<ResilienceOptions> options, TimeProvider time)
{
    private readonly int _maxAttempts = options.Value.MaxAttemptsPerRequest;

    public async ValueTask<(RouteResilience Route, TResult Result)> ExecuteAsync<TResult>(
        ChatRequest request,
        CatalogModel model,
        RequestSettlement? settlement,
        string operation,
        Func<ResilienceContext, RouteAttempt, ValueTask<Outcome<TResult>>> attempt,
        CancellationToken cancellationToken)
    {
        var candidates = routes.RoutesOf(model);
        var budget = new AttemptBudget(_maxAttempts);
        UpstreamException? lastFailure = null;
        GatewayError? untranslatable = null;
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
            if (request.RefusalFor(route.Provider.Format) is { } refusal)
            {
                untranslatable ??= refusal;
                if (hasNext) FailOver(route, candidates[i + 1], FailoverReasons.Untranslatable);
                continue;
            }
            tried = true;

            var context = ResilienceContextPool.Shared.Get(operation, cancellationToken);
            context.Properties.Set(AttemptBudget.Key, budget);
            Outcome<TResult> outcome;
            try
            {
                var state = new RouteAttempt(route, new ProviderCall(request, route.Route.UpstreamModel), budget, recorder, telemetry, time, settlement, cancellationToken);
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
        throw new GatewayException(!tried && untranslatable is not null ? untranslatable : UpstreamErrors.ToGatewayError(lastFailure, model.Id));
    }

    private static void FailOver(RouteResilience from, RouteResilience to, string reason)
    {
        from.Metrics.FailedOver(reason);
        GenAiTelemetry.Failover(from.Route.Provider, to.Route.Provider, reason);
    }
}
