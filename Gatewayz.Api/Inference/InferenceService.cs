using Gatewayz.Api.Catalog;
using Gatewayz.Api.Chat;
using Gatewayz.Api.Errors;
using Gatewayz.Api.Providers;

namespace Gatewayz.Api.Inference;

/// <summary>
/// Serves a chat request from the model's routes in order: the first route that answers wins, and
/// a route that fails before any byte reached the client hands over to the next one.
/// </summary>
public sealed class InferenceService(ProviderRegistry providers, InferenceRecorder recorder, TimeProvider time)
{
    public async Task<InferenceResult> CompleteAsync(ChatRequest request, CatalogModel model, CancellationToken cancellationToken)
    {
        UpstreamException? lastFailure = null;
        foreach (var route in model.Routes)
        {
            var startedAt = time.GetTimestamp();
            try
            {
                var completion = await providers.Get(route.Provider)
                    .CompleteAsync(new ProviderCall(request, route.UpstreamModel), cancellationToken);
                recorder.Succeeded(model, route, time.GetElapsedTime(startedAt), completion.Usage);
                return new InferenceResult(route, completion);
            }
            catch (UpstreamException failure)
            {
                recorder.Failed(model, route, time.GetElapsedTime(startedAt), failure);
                lastFailure = failure;
                if (failure.Kind == UpstreamFailureKind.ClientError) break;
            }
        }
        throw new GatewayException(UpstreamErrors.ToGatewayError(lastFailure, model.Id));
    }

    public async Task<InferenceStream> OpenStreamAsync(ChatRequest request, CatalogModel model, CancellationToken cancellationToken)
    {
        UpstreamException? lastFailure = null;
        foreach (var route in model.Routes)
        {
            var startedAt = time.GetTimestamp();
            var upstream = providers.Get(route.Provider)
                .StreamAsync(new ProviderCall(request, route.UpstreamModel), cancellationToken)
                .GetAsyncEnumerator(cancellationToken);
            try
            {
                if (!await upstream.MoveNextAsync())
                    throw new UpstreamException(UpstreamFailureKind.InvalidResponse, $"{route.Provider} ended the stream without a chunk.");
                recorder.FirstChunk(model, route, time.GetElapsedTime(startedAt));
                return new InferenceStream(model, route, request.EstimatedInputTokens, upstream, startedAt, recorder, time);
            }
            catch (UpstreamException failure)
            {
                await upstream.DisposeAsync();
                recorder.Failed(model, route, time.GetElapsedTime(startedAt), failure);
                lastFailure = failure;
                if (failure.Kind == UpstreamFailureKind.ClientError) break;
            }
        }
        throw new GatewayException(UpstreamErrors.ToGatewayError(lastFailure, model.Id));
    }
}
