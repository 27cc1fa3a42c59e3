using Gatewayz.Api.Auth;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.Caching;

public static class CachingServiceCollectionExtensions
{
    /// <summary>
    /// The cache layers; call after <c>AddApiKeyAuthentication()</c> (the auth cache sits in front of its key store, and
    /// the authenticator asks the auth cache) and <c>AddRedisConnection()</c> (key changes are broadcast through Redis).
    /// </summary>
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>()
            .Bind(builder.Configuration.GetSection(CacheOptions.SectionName))
            .Validate(options => options.ApiKeySeconds is >= 0 and <= 3600, $"{CacheOptions.SectionName}:ApiKeySeconds must be between 0 and 3600.")
            .Validate(options => options.UnknownApiKeySeconds is >= 0 and <= 3600, $"{CacheOptions.SectionName}:UnknownApiKeySeconds must be between 0 and 3600.")
            .Validate(options => options.StaleApiKeyMaxAgeSeconds is >= 0 and <= 86_400, $"{CacheOptions.SectionName}:StaleApiKeyMaxAgeSeconds must be between 0 and 86400.")
            .Validate(options => options.ResponseCacheSeconds >= 1, $"{CacheOptions.SectionName}:ResponseCacheSeconds must be at least 1.")
            .Validate(options => options.ResponseCacheMaxBytes >= 1024, $"{CacheOptions.SectionName}:ResponseCacheMaxBytes must be at least 1024.")
            .Validate(options => options.ResponseCacheMemoryEntries >= 1, $"{CacheOptions.SectionName}:ResponseCacheMemoryEntries must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton(services => new CachingApiKeyStore(
            services.GetRequiredService<IApiKeyStore>(),
            services.GetRequiredService<Metrics.CacheMetrics>(),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<IOptions<CacheOptions>>().Value,
            services.GetRequiredService<ILogger<CachingApiKeyStore>>()));
        builder.Services.AddSingleton<ApiKeyInvalidations>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ApiKeyInvalidations>());
        builder.Services.AddSingleton<CatalogLookup>();
        builder.Services.AddSingleton<ResponseCache>();
        return builder;
    }
}
