namespace Gatewayz.Api.Profiling;

/// <summary>
/// Continuous profiling settings. The switches keep Pyroscope's usual environment variable names
/// (<c>PYROSCOPE_ENABLED</c>, <c>PYROSCOPE_SERVER_ADDRESS</c>); the rest sit under <c>Gatewayz:Profiling</c>.
/// </summary>
public sealed class ProfilingOptions
{
    public const string SectionName = "Gatewayz:Profiling";

    public bool Enabled { get; set; }

    public Uri? ServerAddress { get; set; }

    /// <summary>The Pyroscope application name; profiles appear as <c>{name}.cpu</c>.</summary>
    public string ApplicationName { get; set; } = "gatewayz-api";

    /// <summary>One profile is pushed per interval.</summary>
    public double UploadIntervalSeconds { get; set; } = 15;

    /// <summary>How much of each interval is sampled; the remainder keeps the overhead down.</summary>
    public double SampleSeconds { get; set; } = 2;

    /// <summary>Where the short-lived trace files of a capture are written.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "gatewayz-profiling");

    public static ProfilingOptions From(IConfiguration configuration)
    {
        var options = new ProfilingOptions();
        configuration.GetSection(SectionName).Bind(options);
        if (bool.TryParse(configuration["PYROSCOPE_ENABLED"], out var enabled)) options.Enabled = enabled;
        if (Uri.TryCreate(configuration["PYROSCOPE_SERVER_ADDRESS"], UriKind.Absolute, out var server)) options.ServerAddress = server;
        if (configuration["PYROSCOPE_APPLICATION_NAME"] is { Length: > 0 } name) options.ApplicationName = name;
        return options;
    }
}
