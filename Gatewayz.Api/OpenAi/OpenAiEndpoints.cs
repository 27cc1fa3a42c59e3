using Gatewayz.Api.Auth;
using Gatewayz.Api.Catalog;
using Gatewayz.Api.Inference;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Api.OpenAi;

/// <summary>The OpenAI-compatible surface: <c>/v1/chat/completions</c> and <c>/v1/models</c>.</summary>
public static class OpenAiEndpoints
{
    public static IEndpointRouteBuilder MapOpenAiApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").WithTags("OpenAI").WithMetadata(OpenAiChatFormat.Instance.Errors);
        v1.MapPost("/chat/completions", static (HttpContext context, ChatHandler chat) => chat.HandleAsync(context, OpenAiChatFormat.Instance));
        v1.MapGet("/models", ListModelsAsync);
        return app;
    }

    private static async Task<IResult> ListModelsAsync(HttpContext context, ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, ModelCatalog catalog)
    {
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: false, context.RequestAborted);
        await rateLimiter.AcquireAsync(client, estimatedTokens: 0, context.RequestAborted);
        return TypedResults.Ok(new ModelList([.. catalog.Models.Select(model => new ModelEntry(model.Id, model.OwnedBy))]));
    }
}
