using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Embeddings;

/// <summary>
/// <c>POST /v1/embeddings</c>, OpenAI's create-embeddings API: admitted, routed, charged and measured as a chat is,
/// the upstream's answer relayed (<see cref="OperationHandler"/>); errors in OpenAI's format.
/// </summary>
public static class EmbeddingsEndpoints
{
    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder app)
    {
        // Not a group: the route's template is the http_* metrics' endpoint label, /v1/embeddings.
        app.MapPost("/v1/embeddings", static (HttpContext context, OperationHandler handler) => handler.HandleAsync(context, EmbeddingsApi.Instance))
            .WithTags("OpenAI")
            .WithMetadata(OpenAiErrorFormat.Instance);
        return app;
    }
}
