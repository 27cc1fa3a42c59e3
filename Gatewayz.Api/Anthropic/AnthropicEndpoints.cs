using Gatewayz.Api.Errors;
using Gatewayz.Api.Inference;

namespace Gatewayz.Api.Anthropic;

/// <summary>Anthropic's Messages API (<c>POST /v1/messages</c>, <c>POST /v1/messages/count_tokens</c>) over the same routes and providers.</summary>
public static class AnthropicEndpoints
{
    public static IEndpointRouteBuilder MapAnthropicApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", static (HttpContext context, ChatHandler chat) => chat.HandleAsync(context, AnthropicChatFormat.Instance))
            .WithMetadata(AnthropicChatFormat.Instance.Errors)
            .WithTags("Anthropic");
        app.MapPost("/v1/messages/count_tokens", AnthropicTokenCount.HandleAsync)
            .WithMetadata(AnthropicErrorFormat.Instance)
            .WithTags("Anthropic");
        return app;
    }
}
