namespace Gatewayz.Api.Telemetry;

/// <summary>Settings under <c>Gatewayz:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Gatewayz:Telemetry";

    /// <summary>
    /// Record prompts and completions as span events. Off by default: they may hold personal data,
    /// and the conventions make content capture opt-in.
    /// </summary>
    public bool CaptureContent { get; set; }
}
