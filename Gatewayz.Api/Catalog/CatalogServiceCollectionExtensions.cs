using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Catalog;

public static class CatalogServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddModelCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        builder.Services.AddSingleton<ModelCatalog>();
        return builder;
    }
}
