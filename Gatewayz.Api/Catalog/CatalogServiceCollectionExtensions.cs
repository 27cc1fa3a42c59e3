using Gatewayz.Api.Providers.Anthropic;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddModelCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .PostConfigure(static options =>
            {
                // Anthropic's API lives at one address, so an Anthropic provider needs none configured
                // (an OpenAI-compatible one has no such default: every vendor has its own).
                foreach (var provider in options.Providers.Values)
                {
                    if (provider.Kind == ProviderKind.Anthropic)
                        provider.BaseUrl ??= AnthropicProvider.DefaultBaseUrl;
                }
            })
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton<ModelCatalog>();
        return builder;
    }
}
