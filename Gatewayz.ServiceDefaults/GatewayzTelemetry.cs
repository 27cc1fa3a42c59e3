using System.Reflection;

namespace Microsoft.Extensions.Hosting;

/// <summary>The telemetry source names shared by the Gatewayz services.</summary>
public static class GatewayzTelemetry
{
    public const string GatewaySourceName = "Gatewayz.Api";
    public const string AggregatorSourceName = "Gatewayz.Aggregator";

    public static readonly string[] ActivitySourceNames = [GatewaySourceName, AggregatorSourceName, "Npgsql"];
    public static readonly string[] MeterNames = [GatewaySourceName, AggregatorSourceName];

    public static string ServiceVersion { get; } =
        typeof(GatewayzTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "0.0.0";
}
