using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Completions;

/// <summary>
/// <c>POST /v1/completions</c>, OpenAI's legacy text-completion API: admitted, routed, charged and measured as a chat
/// is, the upstream's answer relayed (<see cref="OperationHandler"/>); errors in OpenAI's format. Not streamed yet.
/// </summary>
public static class CompletionsEndpoints
{
    public static IEndpointRouteBuilder MapCompletionsApi(this IEndpointRouteBuilder app)
    {
        // Not a group: the route's template is the http_* metrics' endpoint label, /v1/completions.
        app.MapPost("/v1/completions", static (HttpContext context, OperationHandler handler) => handler.HandleAsync(context, CompletionsApi.Instance))
            .WithTags("OpenAI")
            .WithMetadata(OpenAiErrorFormat.Instance);
        return app;
    }
}
