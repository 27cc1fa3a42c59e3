using Gatewayz.Api.Auth;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>The cache layers; call after <c>AddApiKeyAuthentication()</c> (the auth cache sits in front of its key store).</summary>
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .Bind(builder.Configuration.GetSection(CacheOptions.SectionName))
            .Validate(options => options.ApiKeySeconds is >= 0 and <= 3600, $"{CacheOptions.SectionName}:ApiKeySeconds must be between 0 and 3600.")
            .Validate(options => options.ResponseCacheSeconds >= 1, $"{CacheOptions.SectionName}:ResponseCacheSeconds must be at least 1.")
            .Validate(options => options.ResponseCacheMaxBytes >= 1024, $"{CacheOptions.SectionName}:ResponseCacheMaxBytes must be at least 1024.")
            .Validate(options => options.ResponseCacheMemoryEntries >= 1, $"{CacheOptions.SectionName}:ResponseCacheMemoryEntries must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new CachingApiKeyStore(
            services.GetRequiredService<IApiKeyStore>(),
            services.GetRequiredService<Metrics.CacheMetrics>(),
            services.GetRequiredService<TimeProvider>(),
            TimeSpan.FromSeconds(services.GetRequiredService<IOptions<CacheOptions>>().Value.ApiKeySeconds)));
        builder.Services.AddSingleton(services => new ApiKeyAuthenticator(services.GetRequiredService<CachingApiKeyStore>()));
        builder.Services.AddSingleton<CatalogLookup>();
        builder.Services.AddSingleton<ResponseCache>();
        return builder;
    }
}
