namespace Gatewayz.Api.Profiling;

public static class ProfilingServiceCollectionExtensions
{
    /// <summary>
    /// Continuous CPU profiling to Pyroscope, on only with <c>PYROSCOPE_ENABLED=true</c> and a
    /// <c>PYROSCOPE_SERVER_ADDRESS</c>. Off, <see cref="ProfilingLabels.Enter"/> costs nothing.
    /// </summary>
    public static IHostApplicationBuilder AddContinuousProfiling(this IHostApplicationBuilder builder)
    {
        var options = ProfilingOptions.From(builder.Configuration);
        if (!options.Enabled || options.ServerAddress is null) return builder;

        var environment = builder.Environment.EnvironmentName;
        // The same service.name ServiceDefaults gives spans, logs and metrics.
        var serviceName = builder.Environment.ApplicationName;
        builder.Services.AddHostedService(services => new ContinuousProfiler(
            new EventPipeCpuSampler(options.WorkDirectory),
            new PyroscopeClient(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }, options, serviceName, environment,
                services.GetRequiredService<ILogger<PyroscopeClient>>()),
            options,
            services.GetRequiredService<ILogger<ContinuousProfiler>>()));
        return builder;
    }
}
