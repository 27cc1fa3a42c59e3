using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gatewayz.Api.RateLimiting;

public static class RateLimitServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        builder.Services.TryAddSingleton<IRateLimitPolicySource, ConfiguredRateLimitPolicySource>();
        builder.Services.AddSingleton<RateLimitPolicyCache>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(services =>
        {
            var options = services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
            return new RateLimitHeadroom(options.LocalHeadroom, options.LocalHeadroomMinimum);
        });
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddSingleton<FailedAuthenticationLimiter>();
        builder.Services.AddHostedService<RateLimitHeadroomFlusher>();
        return builder;
    }
}
