using Gatewayz.Api.Anthropic;
using Gatewayz.Api.Auth;
using Gatewayz.Api.Caching;
using Gatewayz.Api.Errors;
using Gatewayz.Api.OpenAi;
using Gatewayz.Api.RateLimiting;

namespace Gatewayz.Api.Catalog;

/// <summary>
/// <c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>, which OpenAI's and Anthropic's APIs share: the key in
/// <c>Authorization: Bearer</c> or <c>x-api-key</c>; Anthropic's shapes when the request carries
/// <c>anthropic-version</c>, OpenAI's otherwise; Anthropic's errors for an Anthropic client (see
/// <see cref="AnthropicClientHeaders"/>). Each request costs one request of the key's budgets and no tokens.
/// </summary>
public static class ModelsEndpoints
{
    public static IEndpointRouteBuilder MapModelsApi(this IEndpointRouteBuilder app)
    {
        // Not a group: a group's empty sub-pattern would make the list's route (a metric label) "/v1/models/".
        app.MapGet("/v1/models", ListAsync).WithTags("Models").WithMetadata(AnthropicClientHeaders.ErrorFormat);
        // A catch-all, so that ids with '/' (openai/gpt-4o) are one parameter.
        app.MapGet("/v1/models/{**id}", RetrieveAsync).WithTags("Models").WithMetadata(AnthropicClientHeaders.ErrorFormat);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, ModelCatalog catalog)
    {
        await AdmitAsync(context, authenticator, rateLimiter);
        var request = context.Request;
        return AnthropicClientHeaders.WantsAnthropicShape(request)
            ? TypedResults.Ok(AnthropicModelList.Page(catalog, request.Query))
            : TypedResults.Ok(new ModelList([.. catalog.Models.Select(Describe)]));
    }

    private static async Task<IResult> RetrieveAsync(HttpContext context, string? id, ApiKeyAuthenticator authenticator, RateLimiter rateLimiter, CatalogLookup catalog)
    {
        await AdmitAsync(context, authenticator, rateLimiter);
        // The server decodes every escape in the path but %2F (which would change its segments); SDKs escape '/' in an id.
        var modelId = (id ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (!catalog.TryGetModel(modelId, out var model))
            throw new GatewayException(GatewayError.ModelNotFound(modelId));
        return AnthropicClientHeaders.WantsAnthropicShape(context.Request)
            ? TypedResults.Ok(AnthropicModelList.Describe(model))
            : TypedResults.Ok(Describe(model));
    }

    private static async Task AdmitAsync(HttpContext context, ApiKeyAuthenticator authenticator, RateLimiter rateLimiter)
    {
        var client = await authenticator.AuthenticateAsync(context.Request, acceptXApiKey: true, context.RequestAborted);
        await rateLimiter.AcquireAsync(client, estimatedTokens: 0, context.RequestAborted);
    }

    private static ModelEntry Describe(CatalogModel model) => new(model.Id, model.OwnedBy);
}
