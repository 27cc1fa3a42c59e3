using Gatewayz.Api.Streaming;

namespace Gatewayz.Api.Inference;

/// <summary>
/// Serves a request of an operation besides chat (<see cref="OperationRequest"/>: embeddings) through the same
/// admission, routes and settlement as a chat: admitted (<see cref="RequestAdmission"/>), answered by the model's
/// routes (<see cref="InferenceService.CallAsync"/>), relayed as the upstream wrote it with only what the gateway
/// owns rewritten — <c>model</c>, the id the client asked for, as in a relayed chat answer — and the provider named
/// in <c>x-gatewayz-provider</c>. The attempt that answers charges the request; one that ends without an answer
/// releases its token budget.
/// </summary>
public sealed class OperationHandler(RequestAdmission admission, InferenceService inference)
{
    public async Task HandleAsync<TRequest>(HttpContext context, IInferenceEndpoint<TRequest> endpoint) where TRequest : OperationRequest
    {
        var admitted = await admission.AdmitAsync(context, endpoint);
        try
        {
            var (route, answer) = await inference.CallAsync(admitted.Request, admitted.Model, admitted.Settlement, context.RequestAborted);
            context.Response.Headers[ProviderHeader.Name] = route.Provider;
            // The answer's id, if an upstream sent one, stays the upstream's: OpenAI's answers of these operations have none.
            await JsonResponse.WriteAsync(context.Response, answer.Payload.ToArray(default, admitted.Identity.ModelJson), context.RequestAborted);
        }
        finally
        {
            admitted.Settlement.Release();
        }
    }
}
