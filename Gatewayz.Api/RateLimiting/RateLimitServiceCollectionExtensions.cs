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
        // Wrong admin tokens spend a budget of their own: a client with bad API keys behind the same address (a NAT,
        // a proxy) must not lock the operators out of the admin API.
        builder.Services.AddKeyedSingleton<FailedAuthenticationLimiter>(FailedAuthenticationLimiter.AdminTokenBudget);
        builder.Services.AddHostedService<RateLimitHeadroomFlusher>();
        return builder;
    }
}
