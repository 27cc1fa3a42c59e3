using Gatewayz.Api.Inference;
using Gatewayz.Api.Responses;

namespace Gatewayz.Api.OpenAi;

/// <summary>The OpenAI-compatible surface: <c>/v1/chat/completions</c>, the Responses API (<see cref="ResponsesEndpoints"/>) (<c>/v1/models</c>, which Anthropic's API shares, is in <see cref="Catalog.ModelsEndpoints"/>).</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI").WithMetadata(OpenAiChatFormat.Instance.Errors);
        v1.MapPost("/chat/completions", static (HttpContext context, ChatHandler chat) => chat.HandleAsync(context, OpenAiChatFormat.Instance));
        v1.MapResponsesApi();
        return app;
    }
}
