using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gatewayz.RealtimeMetrics;

public static class RedisServiceCollectionExtensions
{
    /// <summary>Binds <c>ConnectionStrings:redis</c> (set by the AppHost's WithReference) and the retention setting.</summary>
    public static IHostApplicationBuilder AddRedisConnection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>()
            .Configure(options =>
            {
                options.ConnectionString = builder.Configuration.GetConnectionString("redis");
                options.RetentionHours = builder.Configuration.GetValue("METRICS_REDIS_RETENTION_HOURS", options.RetentionHours);
            })
            .Validate(options => options.RetentionHours >= 1, "METRICS_REDIS_RETENTION_HOURS must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RedisConnection>();
        return builder;
    }
}
