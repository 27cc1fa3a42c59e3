namespace Gatewayz.Api.Errors;

/// <summary>Carries a <see cref="GatewayError"/> to the error handler, which renders it in the caller's API format.</summary>
public sealed class GatewayException(GatewayError error) : Exception(error.Message)
{
    public GatewayError Error { get; } = error;
}
