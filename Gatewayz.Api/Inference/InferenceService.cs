using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Resilience;
using Gatewayz.Api.Telemetry;

namespace Gatewayz.Api.Inference;

/// <summary>
/// Serves a request through the model's routes (<see cref="RouteExecutor"/>): retries, circuit
/// breakers, timeouts and failover happen before any byte reaches the client. The attempt that answers
/// settles the request (<c>settlement</c> of each method).
/// </summary>
public sealed class InferenceService(RouteExecutor executor)
{
    public async Task<InferenceResult> CompleteAsync(ChatRequest request, CatalogModel model, RequestSettlement? settlement, CancellationToken cancellationToken)
    {
        GenAiTelemetry.TagRequest(GenAiTelemetry.ChatOperation, model.Id, streaming: false);
        var (route, completion) = await executor.ExecuteAsync(
            request, model, settlement, RoutePipelineFactory.CompleteOperation, InferenceAttempts.CompleteAsync, cancellationToken);
        return new InferenceResult(route.Route, completion);
    }

    public async Task<InferenceStream> OpenStreamAsync(ChatRequest request, CatalogModel model, RequestSettlement? settlement, CancellationToken cancellationToken)
    {
        GenAiTelemetry.TagRequest(GenAiTelemetry.ChatOperation, model.Id, streaming: true);
        var (route, opened) = await executor.ExecuteAsync(
            request, model, settlement, RoutePipelineFactory.StreamOperation, InferenceAttempts.OpenStreamAsync, cancellationToken);
        return new InferenceStream(route, request.EstimatedInputTokens, opened);
    }

    /// <summary>A request of an operation besides chat (embeddings), answered whole, bounded by the routes' total timeouts.</summary>
    public async Task<(ResolvedRoute Route, OperationAnswer Answer)> CallAsync(OperationRequest request, CatalogModel model, RequestSettlement? settlement, CancellationToken cancellationToken)
    {
        GenAiTelemetry.TagRequest(GenAiTelemetry.OperationName(request.Operation), model.Id, streaming: false);
        var (route, answer) = await executor.ExecuteAsync(
            request, model, settlement, RoutePipelineFactory.CompleteOperation, InferenceAttempts.CallAsync, cancellationToken);
        return (route.Route, answer);
    }
}
