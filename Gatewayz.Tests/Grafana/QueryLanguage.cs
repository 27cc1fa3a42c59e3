namespace Gatewayz.Tests.Grafana;

/// <summary>Query languages the parser script understands; the names are the script's language ids.</summary>
public enum QueryLanguage
{
    PromQL,
    LogQL,
    TraceQL,
}
