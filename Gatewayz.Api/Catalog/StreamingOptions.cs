namespace Gatewayz.Api.Catalog;

/// <summary>The <c>Gatewayz:Streaming</c> section: how the gateway's own SSE responses behave.</summary>
public sealed class StreamingOptions
{
    /// <summary>
    /// Seconds of silence after which the gateway writes an SSE comment (<c>: keep-alive</c>) to a client
    /// whose stream has begun, so proxies and clients do not time out; 0 turns it off.
    /// </summary>
    public double KeepAliveSeconds { get; set; } = 15;
}
