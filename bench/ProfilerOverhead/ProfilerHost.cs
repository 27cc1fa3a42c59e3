using Gatewayz.Api.Profiling;
using Microsoft.Extensions.Hosting;

/// <summary>The profiler exactly as the gateway registers it, in a host of its own.</summary>
internal sealed class ProfilerHost(IHost host) : IDisposable
{
    public static async Task<ProfilerHost> StartAsync(Uri pyroscope, string sampleSeconds, string intervalSeconds)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration["PYROSCOPE_ENABLED"] = "true";
        builder.Configuration["PYROSCOPE_SERVER_ADDRESS"] = pyroscope.ToString();
        builder.Configuration["Gatewayz:Profiling:SampleSeconds"] = sampleSeconds;
        builder.Configuration["Gatewayz:Profiling:UploadIntervalSeconds"] = intervalSeconds;
        builder.AddContinuousProfiling();
        var host = builder.Build();
        await host.StartAsync();
        return new ProfilerHost(host);
    }

    public void Dispose()
    {
        host.StopAsync().GetAwaiter().GetResult();
        host.Dispose();
    }
}
