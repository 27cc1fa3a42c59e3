using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Images;

/// <summary>
/// <c>POST /v1/images/generations</c>, OpenAI's create-image API: admitted, routed, charged per image and measured as
/// a chat is, the upstream's answer relayed (<see cref="OperationHandler"/>); errors in OpenAI's format.
/// </summary>
public static class ImagesEndpoints
{
    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        // Not a group: the route's template is the http_* metrics' endpoint label, /v1/images/generations.
        app.MapPost("/v1/images/generations", static (HttpContext context, OperationHandler handler) => handler.HandleAsync(context, ImagesApi.Instance))
            .WithTags("OpenAI")
            .WithMetadata(OpenAiErrorFormat.Instance);
        return app;
    }
}
