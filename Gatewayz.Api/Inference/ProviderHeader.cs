namespace Gatewayz.Api.Inference;

/// <summary>The response header that names the provider whose answer (or rejection) the client received.</summary>
public static class ProviderHeader
{
    /// <summary>Set on answers from an upstream; absent on the gateway's own errors and on response cache hits.</summary>
    public const string Name = "x-gatewayz-provider";
}
